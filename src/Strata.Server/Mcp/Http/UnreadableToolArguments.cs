using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core.Errors;
using Strata.Core.Text;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// A tool call whose arguments hold text that cannot be stored (a lone surrogate such as <c>\ud800</c>, bytes that
/// are not UTF-8, NUL) is answered as a refused tool call, VALIDATION_FAILED naming the argument, as REST answers it.
/// </summary>
/// <remarks>The SDK cannot even copy such an argument (System.Text.Json refuses to decode it) and would answer with a
/// bare "An error occurred." protocol error, so the arguments are looked at before the SDK is given the request.</remarks>
internal static class UnreadableToolArguments
{
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public static TextProblem? Find(JsonRpcMessage message) =>
        message is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject parameters }
        && parameters.TryGetPropertyValue("arguments", out var arguments) && arguments is not null
            ? Find(arguments, "")
            : null;

    /// <summary>Answers the call on the event stream already started, as the SDK answers a refused tool call.</summary>
    public static async Task RefuseAsync(HttpContext context, JsonRpcMessage message, TextProblem problem)
    {
        var refusal = ToolCalls.Error(ErrorCodes.ValidationFailed, $"{problem}.");
        var response = new JsonRpcResponse
        {
            Id = ((JsonRpcRequest)message).Id,
            Result = JsonSerializer.SerializeToNode(refusal, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult))),
        };
        var data = JsonSerializer.Serialize(response, MessageType);
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: message\ndata: {data}\n\n"), context.RequestAborted);
    }

    private static TextProblem? Find(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<JsonElement>(out var element):
                return StorableText.Find(element, path);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return StorableText.Problem(text) is { } problem ? new TextProblem(path, problem) : null;
            case JsonObject members:
                try
                {
                    foreach (var (name, child) in members)
                    {
                        var at = path.Length == 0 ? name : $"{path}.{name}";
                        if (child is not null && Find(child, at) is { } found) return found;
                    }
                }
                catch (InvalidOperationException)
                {
                    return new TextProblem(path.Length == 0 ? "arguments" : path, "has a property name that is not valid Unicode");
                }
                return null;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is { } item && Find(item, $"{path}[{i}]") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }
}
