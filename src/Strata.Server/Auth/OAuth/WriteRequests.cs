using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strata.Server.Mcp.Http;
using Strata.Server.Operations;
using Strata.Server.Rest;

namespace Strata.Server.Auth.OAuth;

/// <summary>
/// Whether a request may change the store, for callers whose token allows reading only. REST: the operation bound to the
/// matched route says (its <see cref="OperationTraits.ReadOnly"/>, the same trait MCP clients see as annotations); a route
/// outside the catalogue (uploads) writes unless it is a GET. MCP: a <c>tools/call</c> of a tool that is not read-only;
/// every other message (initialize, listing, reading resources) reads.
/// </summary>
public static class WriteRequests
{
    private static readonly Dictionary<(string Method, string Pattern), bool> RouteWrites =
        RestApi.Routes.Concat(RestApi.Retired.Select(retired => retired.Route))
            .DistinctBy(route => (route.Method, route.Pattern))
            .ToDictionary(route => (route.Method, route.Pattern), route => !route.Operation.Traits.ReadOnly);

    private static readonly Dictionary<string, bool> ToolWrites =
        OperationCatalog.All(localFiles: null).Where(operation => operation.IsTool)
            .ToDictionary(operation => operation.Name, operation => !operation.Traits.ReadOnly, StringComparer.Ordinal);

    /// <summary>The memory-server profile's nine tools (at <see cref="McpHttpTransport.MemoryServerPath"/>), by the
    /// read-only hint they declare.</summary>
    private static readonly Dictionary<string, bool> MemoryServerToolWrites =
        Mcp.MemoryServer.MemoryServerTools.All.ToDictionary(tool => tool.Name, tool => tool.Annotations?.ReadOnlyHint != true, StringComparer.Ordinal);

    public static async Task<bool> IsWriteAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(McpHttpTransport.Path, StringComparison.Ordinal))
        {
            var tools = request.Path.StartsWithSegments(McpHttpTransport.MemoryServerPath, StringComparison.Ordinal) ? MemoryServerToolWrites : ToolWrites;
            return HttpMethods.IsPost(request.Method) && await CallsWritingToolAsync(request, tools);
        }
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && RouteWrites.TryGetValue((request.Method, pattern), out var writes))
        {
            return writes;
        }
        return !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
    }

    /// <summary>Reads the JSON-RPC message and rewinds the body for the MCP transport. A body that is not JSON is left for
    /// the transport to refuse.</summary>
    private static async Task<bool> CallsWritingToolAsync(HttpRequest request, Dictionary<string, bool> tools)
    {
        request.EnableBuffering();
        try
        {
            using var message = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var root = message.RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Any(m => CallsWritingTool(m, tools)) : CallsWritingTool(root, tools);
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>A call of a tool this path does not list counts as a write: the transport refuses it anyway, and a tool
    /// added without a read-only trait must never be open to a read-only token.</summary>
    private static bool CallsWritingTool(JsonElement message, Dictionary<string, bool> tools) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("method", out var method) && method.ValueEquals("tools/call")
        && message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
        && (!parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !tools.TryGetValue(name.GetString()!, out var writes) || writes);
}
