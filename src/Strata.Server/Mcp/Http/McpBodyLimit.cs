using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Strata.Server.Http;

namespace Strata.Server.Mcp.Http;

/// <summary>Tool calls may carry a whole file as base64, a third larger than the file itself: /mcp gets its own body limit.</summary>
public sealed class McpBodyLimit(RequestDelegate next, RequestLimits limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(McpHttpTransport.Path, StringComparison.Ordinal)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.McpBodyBytes;
        }
        return next(context);
    }
}
