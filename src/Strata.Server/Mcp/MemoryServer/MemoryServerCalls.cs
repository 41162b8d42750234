using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.MemoryServer;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>
/// Runs one of the nine tools as one user, answering as the reference does: the result as indented JSON text and as
/// structured content; a refused call is <c>isError</c> with the message as its text (the reference sends no structured
/// content then). An unknown tool name is a protocol error.
/// </summary>
internal sealed class MemoryServerCalls(StrataServices services, string userId, ILogger logger)
{
    private MemoryServerService Memory => services.MemoryServer;

    public async ValueTask<CallToolResult> CallAsync(CallToolRequestParams? request, CancellationToken cancellationToken)
    {
        var name = request?.Name ?? "";
        var arguments = request?.Arguments ?? new Dictionary<string, JsonElement>();
        try
        {
            return name switch
            {
                "create_entities" => Answer(await Memory.CreateEntitiesAsync(userId, Read(arguments, "entities", Json.ListMemoryEntity), cancellationToken),
                    "entities", Json.ListMemoryEntity),
                "create_relations" => Answer(await Memory.CreateRelationsAsync(userId, Read(arguments, "relations", Json.ListMemoryRelation), cancellationToken),
                    "relations", Json.ListMemoryRelation),
                "add_observations" => Answer(await Memory.AddObservationsAsync(userId,
                    Read(arguments, "observations", Json.ListMemoryObservationAddition), cancellationToken), "results", Json.ListMemoryAddedObservations),
                "delete_entities" => Deleted(await Memory.DeleteEntitiesAsync(userId, Read(arguments, "entityNames", Json.ListString), cancellationToken)),
                "delete_observations" => Deleted(await Memory.DeleteObservationsAsync(userId,
                    Read(arguments, "deletions", Json.ListMemoryObservationDeletion), cancellationToken)),
                "delete_relations" => Deleted(await Memory.DeleteRelationsAsync(userId, Read(arguments, "relations", Json.ListMemoryRelation), cancellationToken)),
                "read_graph" => Graph(await Memory.ReadGraphAsync(userId, null, cancellationToken)),
                "search_nodes" => Graph(await Memory.SearchNodesAsync(userId, Read(arguments, "query", Json.String), cancellationToken)),
                "open_nodes" => Graph(await Memory.OpenNodesAsync(userId, Read(arguments, "names", Json.ListString), cancellationToken)),
                _ => throw new McpProtocolException($"Unknown tool '{name}'. Tools: {string.Join(", ", MemoryServerTools.All.Select(t => t.Name))}.",
                    McpErrorCode.InvalidParams),
            };
        }
        catch (StrataException failure)
        {
            return Error(failure.Message);
        }
        catch (Exception failure) when (StoreBusy.Is(failure))
        {
            return Error(StoreBusy.Error(failure).Message);
        }
        catch (Exception failure) when (failure is not OperationCanceledException and not McpProtocolException)
        {
            McpLog.ToolFailed(logger, failure, name);
            return Error("The tool failed unexpectedly; the failure was logged.");
        }
    }

    /// <summary>The reference writes its answers with JSON.stringify, which keeps "Café" as it is: the text a model reads
    /// holds the characters, not <c>\u00E9</c> escapes (the default encoder's).</summary>
    internal static MemoryServerJson Json { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A required argument, checked all the way down as the reference's schema checks it: a missing or null part is refused.</summary>
    internal static T Read<T>(IDictionary<string, JsonElement> arguments, string name, JsonTypeInfo<T> type)
    {
        if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw StrataException.Validation($"The argument {name} is required.");
        }
        try
        {
            var read = value.Deserialize(type);
            return read is not null && Complete(value) ? read : throw StrataException.Validation($"The argument {name} has a missing or null part.");
        }
        catch (JsonException)
        {
            throw StrataException.Validation($"The argument {name} does not have the expected shape (see the tool's input schema).");
        }
    }

    /// <summary>No null anywhere: the records' strings and lists are never null once read.</summary>
    private static bool Complete(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => false,
        JsonValueKind.Array => value.EnumerateArray().All(Complete),
        JsonValueKind.Object => value.EnumerateObject().All(p => Complete(p.Value)),
        _ => true,
    };

    internal static CallToolResult Answer<T>(IReadOnlyList<T> answered, string property, JsonTypeInfo<List<T>> type)
    {
        var items = answered.ToList();
        var element = JsonSerializer.SerializeToElement(items, type);
        var structured = new Dictionary<string, JsonElement> { [property] = element };
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = JsonSerializer.Serialize(items, type) }],
            StructuredContent = JsonSerializer.SerializeToElement(structured, MemoryServerJsonStructured.Default.DictionaryStringJsonElement),
        };
    }

    private static CallToolResult Graph(MemoryGraph graph) => new()
    {
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(graph, Json.MemoryGraph) }],
        StructuredContent = JsonSerializer.SerializeToElement(graph, Json.MemoryGraph),
    };

    private static CallToolResult Deleted(MemoryDeletion deletion) => new()
    {
        Content = [new TextContentBlock { Text = deletion.Message }],
        StructuredContent = JsonSerializer.SerializeToElement(deletion, Json.MemoryDeletion),
    };

    private static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
