using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core.MemoryServer;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>
/// The profile's side of a <c>create_entities</c> call, run once without a client, as <see cref="ToolCallWarmUp"/> does
/// for Strata's own tools: the request read as the SDK reads one, its arguments as <see cref="MemoryServerCalls"/> reads
/// them, the answer written as the SDK writes one, so the JSON metadata of these types is built before the first call.
/// Nothing is stored or sent.
/// </summary>
public static class MemoryServerCallWarmUp
{
    private const string Request = """
        {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_entities","arguments":{"entities":[
        {"name":"Warm Up","entityType":"person","observations":["email warm.up@example.invalid","works at Warm Up Ltd"]}]}}}
        """;

    /// <param name="sample">What the call would answer (the service's warm-up returns it).</param>
    /// <returns>The answer's bytes, as they would have gone to the client.</returns>
    public static byte[] Run(IReadOnlyList<MemoryEntity> sample)
    {
        var options = McpJsonUtilities.DefaultOptions;
        var request = (JsonRpcRequest)JsonSerializer.Deserialize<JsonRpcMessage>(Request, options)!;
        var parameters = request.Params.Deserialize<CallToolRequestParams>(options)!;
        _ = MemoryServerCalls.Read(parameters.Arguments ?? new Dictionary<string, JsonElement>(), "entities", MemoryServerCalls.Json.ListMemoryEntity);
        var answer = MemoryServerCalls.Answer(sample, "entities", MemoryServerCalls.Json.ListMemoryEntity);
        var response = new JsonRpcResponse { Id = request.Id, Result = JsonSerializer.SerializeToNode(answer, options) };
        // As the profile's stdio transport writes it.
        return JsonSerializer.SerializeToUtf8Bytes(response, MemoryServerStdioTransport.Options.GetTypeInfo(typeof(JsonRpcMessage)));
    }
}
