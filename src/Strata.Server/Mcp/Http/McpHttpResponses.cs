using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Strata.Server.Mcp.Http;

/// <summary>The HTTP side of MCP answers: content negotiation, event streams, and JSON-RPC errors for refused requests.</summary>
internal static class McpHttpResponses
{
    private static readonly JsonTypeInfo<JsonRpcError> ErrorType =
        (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public static bool Accepts(HttpRequest request, string mediaType) =>
        request.GetTypedHeaders().Accept.Any(accepted => accepted.MatchesMediaType(mediaType));

    public static void StartEventStream(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    public static async Task JsonRpcErrorAsync(HttpContext context, int status, string message, int code = -32000)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        await JsonSerializer.SerializeAsync(context.Response.Body, error, ErrorType, context.RequestAborted);
    }
}
