using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Server.Mcp;

/// <summary>Each entity snapshot as the resource <c>strata://entities/{id}</c>: the same JSON as get_entity_snapshot.</summary>
internal sealed class EntityResources(StrataServices services, string userId)
{
    public const string Prefix = "strata://entities/";
    public const string UriTemplate = Prefix + "{id}";
    private const string JsonMimeType = "application/json";

    public static readonly ResourceTemplate Template = new()
    {
        UriTemplate = UriTemplate,
        Name = "entity",
        Title = "Entity snapshot",
        Description = "An entity's current snapshot with per-field provenance (the get_entity_snapshot record). id is an entity id such as ent_...",
        MimeType = JsonMimeType,
    };

    public async ValueTask<ReadResourceResult> ReadAsync(string? uri, CancellationToken cancellationToken)
    {
        if (uri is null || !uri.StartsWith(Prefix, StringComparison.Ordinal) || uri.Length == Prefix.Length)
        {
            throw new McpProtocolException($"Unknown resource '{uri}': entity resources look like {UriTemplate}.", McpErrorCode.ResourceNotFound);
        }
        var entityId = Uri.UnescapeDataString(uri[Prefix.Length..]);
        try
        {
            var snapshot = await services.Entities.GetSnapshotAsync(userId, entityId, null, cancellationToken);
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = JsonMimeType, Text = JsonSerializer.Serialize(snapshot, StrataJson.Wire.SnapshotView) }],
            };
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}",
                failure.Code.EndsWith("_NOT_FOUND", StringComparison.Ordinal) ? McpErrorCode.ResourceNotFound : McpErrorCode.InvalidParams);
        }
    }

    /// <summary>The newest entities, a page at a time; the cursor is the entity list's own (keyset) cursor.</summary>
    public async ValueTask<ListResourcesResult> ListAsync(string? cursor, CancellationToken cancellationToken)
    {
        EntityList page;
        try
        {
            page = await services.Entities.RetrieveAsync(userId, null, null, false, false, new Paging(Paging.DefaultLimit, 0, cursor), cancellationToken);
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}", McpErrorCode.InvalidParams);
        }
        return new ListResourcesResult
        {
            Resources = page.Entities.Select(e => new Resource
            {
                Uri = Prefix + e.EntityId,
                Name = e.CanonicalName,
                Description = $"{e.EntityType} {e.CanonicalName}",
                MimeType = JsonMimeType,
            }).ToList(),
            NextCursor = page.NextCursor,
        };
    }

    /// <summary>
    /// <c>completion/complete</c> for the template's <c>id</c>: ids of your entities whose id begins with what was typed
    /// (a whole id, or <c>ent_</c> followed by its start among the newest), or whose name or a field value has a word
    /// beginning with it. At most 100 values, as the specification allows.
    /// </summary>
    public async ValueTask<CompleteResult> CompleteAsync(CompleteRequestParams? request, CancellationToken cancellationToken)
    {
        if (request?.Ref is not ResourceTemplateReference { Uri: UriTemplate } || request.Argument.Name != "id")
        {
            throw new McpProtocolException(
                $"Completion is offered for the argument id of the resource template {UriTemplate} only; Strata has no prompts.", McpErrorCode.InvalidParams);
        }
        var typed = request.Argument.Value ?? "";
        try
        {
            var byName = typed.Length == 0 || typed.StartsWith("ent_", StringComparison.Ordinal)
                ? await services.Entities.RetrieveAsync(userId, null, null, false, false, new Paging(MaxCompletions), cancellationToken)
                : await services.Entities.RetrieveAsync(userId, null, typed, false, false, new Paging(MaxCompletions), cancellationToken);
            var values = byName.Entities
                .Where(e => typed.Length == 0 || !typed.StartsWith("ent_", StringComparison.Ordinal) || e.EntityId.StartsWith(typed, StringComparison.Ordinal))
                .Select(e => e.EntityId)
                .ToList();
            if (typed.StartsWith("ent_", StringComparison.Ordinal) && values.Count == 0 && await ExistsAsync(typed, cancellationToken))
            {
                values.Add(typed);
            }
            return new CompleteResult { Completion = new Completion { Values = values, HasMore = byName.NextCursor is not null && values.Count == MaxCompletions } };
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}", McpErrorCode.InvalidParams);
        }
    }

    private const int MaxCompletions = 100;

    private async Task<bool> ExistsAsync(string entityId, CancellationToken cancellationToken)
    {
        try
        {
            await services.Entities.GetSnapshotAsync(userId, entityId, null, cancellationToken);
            return true;
        }
        catch (StrataException failure) when (failure.Code == ErrorCodes.EntityNotFound)
        {
            return false;
        }
    }
}
