using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Server.Mcp;

/// <summary>An entity's place in the graph as the read-only resource <c>strata://graph/{id}</c>: its current neighbourhood
/// to depth 1 with the default limits (the get_neighbourhood record), so a client can attach it without a tool call.</summary>
internal static class GraphResource
{
    public const string Prefix = "strata://graph/";
    public const string UriTemplate = Prefix + "{id}";
    private const string JsonMimeType = "application/json";

    public static readonly ResourceTemplate Template = new()
    {
        UriTemplate = UriTemplate,
        Name = "graph",
        Title = "Entity neighbourhood",
        Description = "An entity's current relations and the entities they join, with provenance (the get_neighbourhood record at depth 1). id is an entity id such as ent_...",
        MimeType = JsonMimeType,
    };

    public static async ValueTask<ReadResourceResult> ReadAsync(StrataServices services, string userId, string uri, CancellationToken cancellationToken)
    {
        var entityId = Uri.UnescapeDataString(uri[Prefix.Length..]);
        try
        {
            var neighbourhood = await services.Graph.NeighbourhoodAsync(userId, entityId, 1, null, null, null, cancellationToken);
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = JsonMimeType, Text = JsonSerializer.Serialize(neighbourhood, StrataJson.Wire.NeighbourhoodView) }],
            };
        }
        catch (StrataException failure)
        {
            // Another user's entity answers as a missing one, as every read does.
            throw new McpProtocolException($"{failure.Code}: {failure.Message}",
                failure.Code.EndsWith("_NOT_FOUND", StringComparison.Ordinal) ? McpErrorCode.ResourceNotFound : McpErrorCode.InvalidParams);
        }
    }
}
