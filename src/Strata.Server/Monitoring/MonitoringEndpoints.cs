using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strata.Core;
using Strata.Core.Metrics;
using Strata.Core.Operations;
using Strata.Server.Http;
using Strata.Server.Mcp;

namespace Strata.Server.Monitoring;

/// <summary>
/// <c>/health</c> and <c>/metrics</c>, outside /v1 and so without an API key: probes and Prometheus scrapers rarely carry
/// one, and neither answer names a user or shows a user's data (only totals and the state of the process). The server
/// listens on loopback by default; expose it further only behind a proxy that keeps these two paths internal.
/// </summary>
public static class MonitoringEndpoints
{
    public const string HealthPath = "/health";

    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app, StrataServices services)
    {
        app.MapGet(HealthPath, async Task<IResult> (HttpContext context) =>
        {
            var report = await services.Health.CheckAsync(context.RequestAborted);
            // Degraded still serves requests, so only down tells a load balancer to look elsewhere.
            var status = report.Status == HealthStatuses.Down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Results.Json(new HealthBody(report.Status, StrataMcpServer.Version, report.CheckedAt, report.Checks),
                ServerJson.Wire.HealthBody, statusCode: status);
        });
        // The return type is explicit: an expression-bodied lambda would bind as a RequestDelegate and drop its result.
        app.MapGet(MetricsPath, async Task<IResult> (HttpContext context) =>
            Results.Text(await services.RenderMetricsAsync(context.RequestAborted), PrometheusText.ContentType));
        return app;
    }
}
