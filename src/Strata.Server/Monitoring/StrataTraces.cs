using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Strata.Core.Tracing;

namespace Strata.Server.Monitoring;

/// <summary>
/// OpenTelemetry tracing: a span per REST and MCP request (ASP.NET Core's), and Strata's own spans for the jobs a request
/// queues and the model calls they make (<see cref="StrataTracing"/>), exported over OTLP. The request span keeps the
/// path and route but not the query string, which may hold what a user searched for or a key sent by mistake.
/// </summary>
public static class StrataTraces
{
    public static IServiceCollection AddStrataTracing(this IServiceCollection services, TracingOptions options)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => Configure(tracing, options, requests: true));
        return services;
    }

    /// <summary>A tracer for a process without a web host (<c>strata worker</c>): jobs and model calls only.</summary>
    public static TracerProvider Start(TracingOptions options)
    {
        var builder = Sdk.CreateTracerProviderBuilder().ConfigureResource(resource => resource.AddService(options.ServiceName));
        Configure(builder, options, requests: false);
        return builder.Build();
    }

    private static void Configure(TracerProviderBuilder tracing, TracingOptions options, bool requests)
    {
        tracing.AddSource(StrataTracing.SourceName);
        if (requests)
        {
            tracing.AddAspNetCoreInstrumentation(aspNet =>
            {
                // Scrapes and probes every few seconds would drown the requests that matter.
                aspNet.Filter = context => !(context.Request.Path.StartsWithSegments("/metrics") || context.Request.Path.StartsWithSegments("/health"));
                aspNet.EnrichWithHttpRequest = (span, _) => span.SetTag("url.query", null);
            });
        }
        if (options.ExportOtlp)
        {
            tracing.AddOtlpExporter(otlp =>
            {
                if (options.OtlpEndpoint is { } endpoint)
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = options.OtlpProtocol;
                }
            });
        }
        options.Configure?.Invoke(tracing);
    }
}
