using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using Strata.Core;
using Strata.Server.Auth;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// MCP streamable HTTP at <c>/mcp</c> through the SDK's own transport (ModelContextProtocol.AspNetCore): POST carries
/// client messages (an <c>initialize</c> without a session id opens a session), GET opens the stream of
/// server-initiated messages, DELETE ends the session. What Strata adds: each session's server acts for the user
/// whose API key opened it (the SDK refuses the session to any other user, 403, since <see cref="BearerAuthentication"/>
/// makes the key's owner the request's user), sessions idle past <see cref="StrataHostOptions.McpSessionIdleTimeout"/>
/// close, and POST streams start with a priming event carrying <c>retry</c>, so a client whose stream broke can
/// resume it with <c>Last-Event-ID</c>.
/// </summary>
public static class McpHttpTransport
{
    public const string Path = "/mcp";

    /// <summary>The reference memory server's nine tools alone, for agents configured for it (docs/memory-server.md).</summary>
    public const string MemoryServerPath = "/mcp/" + MemoryServer.MemoryServerProfile.Name;

    public static IServiceCollection AddStrataMcpHttp(this IServiceCollection services, StrataHostOptions options)
    {
        // The events of open streams, for resumption; entries expire on their own (SDK defaults), so memory stays bounded.
        services.AddDistributedMemoryCache();
        // Clients that open with initialize (revisions up to 2025-11-25) get sessions, bound to the key's user; clients of the
        // 2026-07-28 revision are served statelessly, each request as the user of its own key. The SDK marks the session
        // settings obsolete because sessions are on their way out of the protocol, not because they stop working.
#pragma warning disable MCP9006
        services.AddMcpServer()
            .WithHttpTransport(http =>
            {
                http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
                http.IdleTimeout = options.McpSessionIdleTimeout;
                http.ConfigureSessionOptions = (context, mcp, _) =>
                {
                    var user = new McpUser(context.RequestServices.GetRequiredService<StrataServices>(), context.Caller().UserId);
                    var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpHttpTransport));
                    if (context.Request.Path.StartsWithSegments(MemoryServerPath, StringComparison.Ordinal))
                    {
                        MemoryServer.MemoryServerProfile.Configure(mcp, Task.FromResult(user), logger);
                    }
                    else
                    {
                        StrataMcpServer.Configure(mcp, Task.FromResult(user), localFiles: null, logger);
                    }
                    return Task.CompletedTask;
                };
            })
            .WithDistributedCacheEventStreamStore();
        services.AddOptions<HttpServerTransportOptions>().PostConfigure(http =>
        {
            if (http.EventStreamStore is { } store) http.EventStreamStore = new PrimingRetry(store, PrimingRetry.Interval);
        });
#pragma warning restore MCP9006
        return services;
    }

    public static IEndpointRouteBuilder MapStrataMcp(this IEndpointRouteBuilder app)
    {
        Map(app, Path);
        Map(app, MemoryServerPath);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string path)
    {
        app.MapMcp(path).Add(endpoint =>
        {
            var handle = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                await handle(context);
                // A session the client ended answers 204 No Content, as it always has here; the SDK leaves the default 200.
                if (HttpMethods.IsDelete(context.Request.Method) && context.Response is { HasStarted: false, StatusCode: StatusCodes.Status200OK })
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                }
            };
        });
    }
}
