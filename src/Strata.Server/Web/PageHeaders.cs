using Microsoft.AspNetCore.Http;
using Strata.Server.Auth;

namespace Strata.Server.Web;

/// <summary>
/// The headers every response outside /v1 and /mcp carries: a Content-Security-Policy that allows only this origin's
/// scripts, styles and connections (no inline script or style anywhere, so an injected value cannot run), no framing,
/// no content sniffing, no referrer, and no caching of pages that show a user's data.
/// </summary>
public sealed class PageHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (!BearerAuthentication.Protects(context.Request.Path))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments(WebAssets.Prefix, StringComparison.Ordinal)) headers.CacheControl = "no-store";
        }
        return next(context);
    }
}
