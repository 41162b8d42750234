using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Strata.Core.Imports;
using Strata.Core.Memory;
using Strata.Core.Operations;
using Strata.Server.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// The pages of what Strata knows and did (docs/web.md): entities with per-field provenance, a source with evidence
/// highlighted, duplicates (merge or dismiss after a confirmation), imports, interpretation runs, MEMORY.md and the
/// dashboard. Each calls operations of the catalogue as the session's user, so another user's id answers as a missing one.
/// </summary>
internal static class KnowledgePages
{
    /// <summary>Rows a list page shows (the catalogue's largest page).</summary>
    public const string ListLimit = "500";

    public static void MapKnowledgePages(this WebApplication app)
    {
        app.MapGet("/entities", PageEndpoint.Page(EntitiesAsync));
        app.MapGet("/entities/{entity_id}", PageEndpoint.Page(EntityAsync));
        app.MapGet("/sources/{source_id}", PageEndpoint.Page(SourceTextAsync));
        app.MapGet("/duplicates", PageEndpoint.Page(async page =>
            DuplicatesPage.Render(page.Session, await page.GetAsync<DuplicateList>("list_potential_duplicates", ("limit", ListLimit)))));
        app.MapGet("/duplicates/confirm", PageEndpoint.Page(ConfirmDuplicateAsync));
        app.MapPost("/duplicates/merge", PageEndpoint.Form(page => DecideAsync(page, merge: true)));
        app.MapPost("/duplicates/dismiss", PageEndpoint.Form(page => DecideAsync(page, merge: false)));
        app.MapGet("/imports", PageEndpoint.Page(async page =>
            ActivityPages.Imports(page.Session, await page.GetAsync<ImportList>("list_imports", ("limit", ListLimit)))));
        app.MapImportUpload();
        app.MapGet("/interpretations", PageEndpoint.Page(async page =>
            ActivityPages.Runs(page.Session, await page.GetAsync<RunList>("list_runs", ("limit", ListLimit)))));
        app.MapGet("/memory", PageEndpoint.Page(async page => ActivityPages.Memory(page.Session, await page.GetAsync<MemoryDocument>("get_memory"))));
        app.MapActivityDetailPages();
        app.MapEntityChanges();
        app.MapGet("/dashboard", PageEndpoint.Page(async page => ActivityPages.Dashboard(page.Session,
            await page.GetAsync<UsageView>("get_usage"), await page.GetAsync<ProjectList>("list_projects", ("limit", ListLimit)))));
    }

    private static async Task<Html> EntitiesAsync(PageRequest page)
    {
        var (query, type) = (Blank(page.Query("q")), Blank(page.Query("entity_type")));
        var entities = await page.GetAsync<EntityList>("retrieve_entities", ("query", query), ("entity_type", type), ("limit", ListLimit));
        return EntitiesPage.Render(page.Session, entities, query, type);
    }

    /// <summary>The snapshot (as of <c>at</c> when given), each field's provenance chain, and the observations.</summary>
    private static async Task<Html> EntityAsync(PageRequest page)
    {
        var at = Blank(page.Query("at"));
        var entity = await page.GetAsync<SnapshotView>("get_entity_snapshot", ("entity_id", page.Route("entity_id")), ("at", at));
        var chains = new List<ProvenanceChain>();
        foreach (var field in entity.Fields.Keys.Order(StringComparer.Ordinal))
        {
            chains.Add(await page.GetAsync<ProvenanceChain>("get_field_provenance", ("entity_id", entity.EntityId), ("field", field)));
        }
        var observations = await page.GetAsync<ObservationList>("list_observations", ("entity_id", entity.EntityId), ("limit", ListLimit));
        // As of a time, the observations recorded by then: the ones the snapshot above was computed from.
        if (TimeArgument.Parse(at) is { } asOf) observations = observations with { Observations = observations.Observations.Where(o => o.CreatedAt <= asOf).ToList() };
        // A chat fact's message: get_chat_evidence for each observation that won a field (an empty list for other facts).
        var winners = (entity.Provenance?.Values ?? []).ToHashSet(StringComparer.Ordinal);
        var said = new List<ChatEvidenceView>();
        foreach (var observation in observations.Observations.Where(o => o.RunId is not null && winners.Contains(o.ObservationId)))
        {
            said.Add(await page.GetAsync<ChatEvidenceView>("get_chat_evidence", ("observation_id", observation.ObservationId)));
        }
        return EntityPage.Render(page.Session, entity, chains, observations, at, said);
    }

    /// <summary>The window of the source's text around <c>start</c>..<c>start+length</c>, highlighted.</summary>
    private static async Task<Html> SourceTextAsync(PageRequest page)
    {
        var source = await page.GetAsync<SourceView>("get_source", ("source_id", page.Route("source_id")));
        var start = long.TryParse(page.Query("start"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var length = long.TryParse(page.Query("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var from = Math.Max(0, start - SourcePage.Context);
        var read = (int)Math.Min(Core.Agent.SourceContentService.MaxLength, start + length - from + SourcePage.Context);
        var content = await page.GetAsync<SourceContentView>("get_source_content", ("source_id", source.SourceId),
            ("offset", from.ToString(CultureInfo.InvariantCulture)), ("length", read.ToString(CultureInfo.InvariantCulture)));
        return SourceTextPage.Render(page.Session, source, content, start, start + length);
    }

    private static async Task<Html> ConfirmDuplicateAsync(PageRequest page)
    {
        var merge = page.Query("action") == "merge";
        var from = await page.GetAsync<SnapshotView>("get_entity_snapshot", ("entity_id", page.Query("from") ?? ""));
        var to = await page.GetAsync<SnapshotView>("get_entity_snapshot", ("entity_id", page.Query("to") ?? ""));
        return DuplicateConfirmPage.Render(page.Session, merge, from, to);
    }

    private static async Task<string> DecideAsync(PageRequest page, bool merge)
    {
        var form = await page.Http.Request.ReadFormAsync(page.Http.RequestAborted);
        var (from, to) = (form["from"].ToString(), form["to"].ToString());
        if (merge)
        {
            await page.CallAsync("merge_entities", ("from_entity_id", from), ("to_entity_id", to), ("reason", "merged on the duplicates page"));
            return $"/entities/{Uri.EscapeDataString(to)}";
        }
        await page.CallAsync("dismiss_duplicate", ("entity_a", from), ("entity_b", to));
        return "/duplicates";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
