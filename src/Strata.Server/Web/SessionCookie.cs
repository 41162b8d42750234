using Microsoft.AspNetCore.Http;
using Strata.Core.Users;

namespace Strata.Server.Web;

/// <summary>The cookie that carries a page session's id (never the API key): HttpOnly, SameSite=Strict, Secure over
/// https, path /, expiring with the session.</summary>
internal static class SessionCookie
{
    public const string Name = "strata_session";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, StartedWebSession started) =>
        context.Response.Cookies.Append(Name, started.SessionId, Options(context, started.ExpiresAt));

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
