using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Server.Operations;

namespace Strata.Server.Mcp;

/// <summary>
/// The MCP side of a structured write, run once without a client: a <c>tools/call</c> request for
/// <c>ingest_structured</c> read as the SDK reads one, its arguments parsed as <see cref="ToolCalls"/> parses them, and
/// an answer written as the SDK writes one; the arguments are first looked at as <see cref="UnreadableToolArguments"/>
/// looks at them. Before it existed, the first write call of <c>strata mcp</c> spent 7–16 ms more than later ones before
/// reaching the tool and 2–10 ms more after it (timestamps on both sides of the pipe): the JSON metadata and converters
/// of these types are built on first use. Nothing is stored or sent.
/// </summary>
public static class ToolCallWarmUp
{
    private const string Request = """
        {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ingest_structured","arguments":{"entities":[
        {"entity_type":"contact","name":"Warm Up","email":"warm.up@example.invalid","company":"Warm Up Ltd","title":"Warm"}]}}}
        """;

    /// <param name="sample">A result of the structured write to write as an answer (the write's warm-up returns one).</param>
    /// <returns>The answer's bytes, as they would have gone to the client.</returns>
    public static byte[] Run(StoreResult sample)
    {
        var options = McpJsonUtilities.DefaultOptions;
        var request = (JsonRpcRequest)JsonSerializer.Deserialize<JsonRpcMessage>(Request, options)!;
        // The incoming filter's look at every argument, as the server's filter takes it before the SDK reads the call.
        if (UnreadableToolArguments.Inspect((System.Text.Json.Nodes.JsonObject)request.Params!) is not null)
        {
            throw new InvalidOperationException("The warm-up's own tool call was found unreadable.");
        }
        var parameters = request.Params.Deserialize<CallToolRequestParams>(options)!;
        var operation = EntityOperations.IngestStructured;
        var arguments = Arguments.Parse(operation.Parameters, parameters.Arguments?.ToList() ?? [], []);
        _ = arguments.Element("entities")!.Value.EnumerateArray().ToList();
        var result = OperationResult.Of(sample, StrataJson.Wire.StoreResult);
        var answer = ToolCalls.Answer(result);
        var response = new JsonRpcResponse { Id = request.Id, Result = JsonSerializer.SerializeToNode(answer, options) };
        return JsonSerializer.SerializeToUtf8Bytes<JsonRpcMessage>(response, options);
    }
}
