using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// Correcting a value and splitting an entity from its page (docs/web.md): a GET shows what will happen (reading the
/// entity as the session's user, so another user's id answers as a missing one), and only the confirmation's form post,
/// CSRF-protected, calls <c>correct</c> or <c>split_entity</c> — the operations REST, MCP and the CLI call.
/// </summary>
internal static class EntityChanges
{
    public static void MapEntityChanges(this WebApplication app)
    {
        app.MapGet("/entities/{entity_id}/correct", PageEndpoint.Page(ConfirmCorrectionAsync));
        app.MapPost("/entities/{entity_id}/corrections", PageEndpoint.Form(CorrectAsync));
        app.MapGet("/entities/{entity_id}/split", PageEndpoint.Page(ConfirmSplitAsync));
        app.MapPost("/entities/{entity_id}/splits", PageEndpoint.Form(SplitAsync));
    }

    private static async Task<Html> ConfirmCorrectionAsync(PageRequest page)
    {
        var entity = await page.GetAsync<SnapshotView>("get_entity_snapshot", ("entity_id", page.Route("entity_id")));
        var field = page.Query("field") is { Length: > 0 } named ? named : throw StrataException.Validation("Choose the field to correct.");
        return EntityChangePages.Correct(page.Session, entity, field, Typed(entity, field, page.Query("value") ?? ""));
    }

    /// <summary>The typed text as the field's current value is typed: a number or a boolean stays one (as JSON), text
    /// stays text; a field without a value takes JSON when the text is JSON, else the text.</summary>
    private static JsonElement Typed(SnapshotView entity, string field, string text)
    {
        var current = entity.Fields.TryGetValue(field, out var value) ? value.ValueKind : JsonValueKind.Undefined;
        if (current != JsonValueKind.String && TryJson(text) is { } json) return json;
        if (current is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            throw StrataException.Validation($"{field} holds a {(current == JsonValueKind.Number ? "number" : "true or false")}: '{text}' is not one.");
        }
        return JsonSerializer.SerializeToElement(text, StrataJson.Wire.String);
    }

    private static JsonElement? TryJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> CorrectAsync(PageRequest page)
    {
        var form = await page.Http.Request.ReadFormAsync(page.Http.RequestAborted);
        var value = TryJson(form["value_json"].ToString()) ?? throw StrataException.Validation("The corrected value is not valid JSON.");
        var entityId = page.Route("entity_id");
        await page.CallAsync("correct", [("entity_id", entityId), ("field", form["field"].ToString()), ("reason", Blank(form["reason"].ToString()))],
            [KeyValuePair.Create("value", value)]);
        return $"/entities/{Uri.EscapeDataString(entityId)}";
    }

    private static async Task<Html> ConfirmSplitAsync(PageRequest page)
    {
        var entity = await page.GetAsync<SnapshotView>("get_entity_snapshot", ("entity_id", page.Route("entity_id")));
        var chosen = page.Http.Request.Query["observation_id"].Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        if (chosen.Count == 0) throw StrataException.Validation("Choose the observations to move to a new entity.");
        var observations = await page.GetAsync<ObservationList>("list_observations", ("entity_id", entity.EntityId), ("limit", "500"));
        var moving = observations.Observations.Where(o => chosen.Contains(o.ObservationId)).ToList();
        if (moving.Count != chosen.Count) throw new StrataException(ErrorCodes.ObservationNotFound, "An observation chosen is not one of this entity's.");
        return EntityChangePages.Split(page.Session, entity, moving);
    }

    private static async Task<string> SplitAsync(PageRequest page)
    {
        var form = await page.Http.Request.ReadFormAsync(page.Http.RequestAborted);
        var ids = StringArray(form["observation_id"].Select(id => id ?? ""));
        var result = await page.CallAsync("split_entity", [("entity_id", page.Route("entity_id")), ("reason", Blank(form["reason"].ToString()))],
            [KeyValuePair.Create("observation_ids", ids)]);
        return $"/entities/{Uri.EscapeDataString(((SplitResult)result.Value).ToEntityId)}";
    }

    private static JsonElement StringArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
