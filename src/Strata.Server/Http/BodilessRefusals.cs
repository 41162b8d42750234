using Microsoft.AspNetCore.Http;
using Strata.Core.Errors;

namespace Strata.Server.Http;

/// <summary>
/// Routing answers an unknown path with 404 and a known path under the wrong method with 405, both with an empty body.
/// A client then has nothing to read; every refusal of this server is problem+json with a stable code, so these are too.
/// </summary>
internal static class BodilessRefusals
{
    public static async Task DescribeAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || response.ContentType is not null || response.ContentLength is > 0) return;
        // The path alone: a query string may carry a secret sent by mistake, and it changes nothing about the refusal.
        var request = $"{context.Request.Method} {context.Request.Path}";
        switch (response.StatusCode)
        {
            case StatusCodes.Status404NotFound:
                await Problems.WriteAsync(context, ErrorCodes.RouteNotFound,
                    $"Nothing answers {request}: the REST API is under /v1 (its paths are listed in /openapi.json) and MCP is at /mcp.");
                break;
            case StatusCodes.Status405MethodNotAllowed:
                var allowed = response.Headers.Allow.ToString();
                await Problems.WriteAsync(context, ErrorCodes.MethodNotAllowed,
                    $"{context.Request.Path} does not answer {context.Request.Method}" + (allowed.Length > 0 ? $"; it answers {allowed}." : "."));
                break;
        }
    }
}
