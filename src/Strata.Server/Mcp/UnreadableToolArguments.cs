using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Strata.Core.Errors;
using Strata.Core.Text;

namespace Strata.Server.Mcp;

/// <summary>
/// A tool call whose arguments hold text that cannot be stored (a lone surrogate such as <c>\ud800</c>, bytes that
/// are not UTF-8, NUL) is answered as a refused tool call, VALIDATION_FAILED naming the argument, as REST answers it.
/// </summary>
/// <remarks>The SDK cannot even copy such an argument (System.Text.Json refuses to decode it) and would answer with a
/// bare "An error occurred." protocol error, so the arguments are looked at before the SDK's tool handling sees the request.</remarks>
internal static class UnreadableToolArguments
{
    private const string ItemKey = "strata.unreadable_arguments";

    /// <summary>An incoming-message filter: a <c>tools/call</c> whose arguments cannot be stored has them taken away
    /// before the SDK reads them, and the problem noted on the request for <see cref="Refusal"/>.</summary>
    public static McpMessageFilter Filter { get; } = next => (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject parameters }
            && Inspect(parameters) is { } problem)
        {
            parameters["arguments"] = new JsonObject();
            context.Items[ItemKey] = problem;
        }
        return next(context, cancellationToken);
    };

    /// <summary>What <see cref="Filter"/> finds unreadable in a <c>tools/call</c> request's parameters; null when every
    /// argument can be stored. <see cref="ToolCallWarmUp"/> runs it too, so a process's first call does not compile it.</summary>
    internal static TextProblem? Inspect(JsonObject parameters) =>
        parameters.TryGetPropertyValue("arguments", out var arguments) && arguments is not null ? Find(arguments, "") : null;

    /// <summary>The refused tool call for a request whose arguments <see cref="Filter"/> found unreadable; null for any other.</summary>
    public static CallToolResult? Refusal(MessageContext request) =>
        request.Items.TryGetValue(ItemKey, out var found) && found is TextProblem problem
            ? ToolCalls.Error(ErrorCodes.ValidationFailed, $"{problem}.")
            : null;

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
