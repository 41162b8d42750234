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
}
