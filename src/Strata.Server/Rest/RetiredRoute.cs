using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Strata.Server.Rest;

/// <summary>A REST route on its way out (RFC 9745 <c>Deprecation</c>, RFC 8594 <c>Sunset</c>): it still answers, and says
/// since when it is deprecated, when it will be removed, and which route replaces it.</summary>
public sealed record RetiredRoute(RestRoute Route, string Successor, DateTimeOffset Deprecated, DateTimeOffset Sunset)
{
    /// <summary>RFC 9745: a structured-field date, <c>@</c> and Unix seconds.</summary>
    public string DeprecationHeader => "@" + Deprecated.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 8594: an HTTP-date.</summary>
    public string SunsetHeader => Sunset.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public RequestDelegate Wrap(RequestDelegate next) => async context =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Deprecation"] = DeprecationHeader;
            context.Response.Headers["Sunset"] = SunsetHeader;
            var successor = Route.PathParameters.Aggregate(Successor, (path, name) =>
                path.Replace("{" + name + "}", Uri.EscapeDataString(Convert.ToString(context.Request.RouteValues[name], CultureInfo.InvariantCulture) ?? ""), StringComparison.Ordinal));
            context.Response.Headers.Append("Link", $"<{successor}>; rel=\"successor-version\"");
            return Task.CompletedTask;
        });
        await next(context);
    };
}
