using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Server.Auth;
using Strata.Server.Http;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// MCP streamable HTTP at <c>/mcp</c>: POST carries client messages (an <c>initialize</c> without a session id opens
/// a session), GET opens the stream of server-initiated messages, DELETE ends the session. The SDK's transport does
/// the protocol; this is the HTTP glue around it, plus the rule that a session belongs to the user who opened it.
/// </summary>
public static class McpHttpEndpoints
{
    public const string Path = "/mcp";
    public const string SessionHeader = "Mcp-Session-Id";

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public static IEndpointRouteBuilder MapMcp(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PostAsync);
        app.MapGet(Path, GetAsync);
        app.MapDelete(Path, DeleteAsync);
        return app;
    }

    private static async Task PostAsync(HttpContext context)
    {
        if (!McpHttpResponses.Accepts(context.Request, "application/json") || !McpHttpResponses.Accepts(context.Request, "text/event-stream"))
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }
        var limits = context.RequestServices.GetRequiredService<RequestLimits>();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Tool calls may carry a whole file as base64, a third larger than the file itself.
            bodySize.MaxRequestBodySize = limits.McpBodyBytes;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.Body, MessageType, context.RequestAborted);
        }
        catch (JsonException)
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status400BadRequest, "Parse error: the body is not one JSON-RPC message.", (int)McpErrorCode.ParseError);
            return;
        }
        if (message is null)
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid request: the body is not a JSON-RPC message.", (int)McpErrorCode.InvalidRequest);
            return;
        }

        var store = context.RequestServices.GetRequiredService<McpSessionStore>();
        McpHttpSession? session;
        if (string.IsNullOrEmpty(context.Request.Headers[SessionHeader]))
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status400BadRequest,
                    $"Bad Request: no {SessionHeader} header; a session starts with an initialize request.", (int)McpErrorCode.InvalidRequest);
                return;
            }
            session = store.Open(context.Caller().UserId);
        }
        else if ((session = await SessionOfCallerAsync(context, store)) is null)
        {
            return;
        }

        using var scope = session.BeginRequest(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        context.Response.Headers[SessionHeader] = session.Id;
        McpHttpResponses.StartEventStream(context);
        if (UnreadableToolArguments.Find(message) is { } unreadable)
        {
            await UnreadableToolArguments.RefuseAsync(context, message, unreadable);
            return;
        }
        var wrote = await session.Transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted);
        if (!wrote)
        {
            // Only notifications or responses came in: nothing to answer.
            context.Response.Headers.ContentType = default;
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    private static async Task GetAsync(HttpContext context)
    {
        if (!McpHttpResponses.Accepts(context.Request, "text/event-stream"))
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.");
            return;
        }
        var store = context.RequestServices.GetRequiredService<McpSessionStore>();
        if (await SessionOfCallerAsync(context, store) is not { } session)
        {
            return;
        }
        if (!session.TryOpenGetStream())
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status409Conflict, "Conflict: this session already has a GET stream open.");
            return;
        }
        using var scope = session.BeginRequest(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        context.Response.Headers[SessionHeader] = session.Id;
        McpHttpResponses.StartEventStream(context);
        // Headers go out now: the stream may stay quiet for a long time before the first message.
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await session.Transport.HandleGetRequestAsync(context.Response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static async Task DeleteAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<McpSessionStore>();
        if (await SessionOfCallerAsync(context, store) is not { } session)
        {
            return;
        }
        await store.CloseAsync(session, "the client ended it");
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The session named by the header if the caller owns it; otherwise the refusal is written and null returned.</summary>
    private static async Task<McpHttpSession?> SessionOfCallerAsync(HttpContext context, McpSessionStore store)
    {
        var id = context.Request.Headers[SessionHeader].ToString();
        if (string.IsNullOrEmpty(id))
        {
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: the {SessionHeader} header is required.");
            return null;
        }
        var session = store.Find(id);
        if (session is null)
        {
            // -32001 for an unknown session is what the SDKs use; clients start a new session on 404.
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status404NotFound, "Session not found: start a new session with initialize.", -32001);
            return null;
        }
        if (session.UserId != context.Caller().UserId)
        {
            McpLog.SessionUserMismatch(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpHttpEndpoints)), id);
            await McpHttpResponses.JsonRpcErrorAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session was opened with another user's API key.");
            return null;
        }
        return session;
    }
}
