using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Server.Auth;
using Strata.Server.Auth.OAuth;
using Strata.Server.Http;
using Strata.Server.Mcp;
using Strata.Server.Mcp.Http;
using Strata.Server.Monitoring;
using Strata.Server.OpenApi;
using Strata.Server.Rest;
using Strata.Server.Web;
using Strata.Server.Workers;

namespace Strata.Server;

/// <summary>
/// Builds the one process <c>strata serve</c> runs: REST under /v1, MCP (streamable HTTP) at /mcp, the OpenAPI
/// document, the web page at /, /health, /metrics and (unless turned off) the worker loops, over the given services. The CLI and the tests
/// build it the same way.
/// </summary>
public static class StrataHost
{
    /// <summary>Time for the rest of shutdown (closing MCP sessions, the listener) after the workers have drained.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    public static WebApplication Build(StrataServices services, StrataHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(StrataHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var limits = RequestLimits.For(services.Options);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.BodyBytes;
        });
        // ASP.NET Core's own request lines carry the full URL, query string included, where an API key sent by mistake as
        // ?api_key= would be kept in the log; RequestLog writes the line instead, with the path only, at Debug.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Warning);
        // "Executing endpoint" twice per request at Information: routine, so below what an operator sees by default.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStrataMcpHttp(options);
        if (options.Tracing is { } tracing) builder.Services.AddStrataTracing(tracing);
        if (options.RunWorker)
        {
            builder.Services.AddHostedService<InProcessWorker>();
            // Jobs in flight get the worker's drain timeout to finish; the host must not give up on them sooner.
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = services.Options.Worker.DrainTimeout + ShutdownMargin);
        }

        var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ErrorResponses>();
        app.UseMiddleware<PageHeaders>();
        app.UseMiddleware<McpOriginCheck>();
        app.UseMiddleware<BearerAuthentication>();
        app.UseMiddleware<McpBodyLimit>();
        app.MapMonitoring(services);
        if (options.OAuth is { } oauth) app.MapProtectedResourceMetadata(oauth);
        app.MapGet(OpenApiDocument.Path, () => Results.Text(OpenApiDocument.Json, "application/json"));
        app.MapRestApi();
        app.MapStrataMcp();
        app.MapWebPages();
        return app;
    }
}
