using System.Net;
using Microsoft.AspNetCore.Http;
using Strata.Core.Errors;
using Strata.Server.Http;

namespace Strata.Server.Mcp.Http;

/// <summary>
/// DNS-rebinding protection for <c>/mcp</c>, as the MCP transport specification asks: a page on a foreign site whose name
/// was re-pointed at this machine reaches the server with its own <c>Origin</c> (and a Host that matches it, so comparing
/// the two proves nothing). Requests without Origin (agents, command-line clients) pass; so do pages served from a loopback
/// host and the origins configured as allowed. Everything else is 403 <c>ORIGIN_NOT_ALLOWED</c> before the key is looked at.
/// </summary>
public sealed class McpOriginCheck(RequestDelegate next, StrataHostOptions options)
{
    private readonly HashSet<string> _allowed = options.AllowedOrigins.Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(McpHttpTransport.Path, StringComparison.Ordinal)
            || context.Request.Headers.Origin.ToString() is not { Length: > 0 } origin
            || IsAllowed(origin))
        {
            await next(context);
            return;
        }
        await Problems.WriteAsync(context, ErrorCodes.OriginNotAllowed,
            $"Requests to /mcp from the web origin {origin} are refused. Allow it with STRATA_ALLOWED_ORIGINS (comma-separated origins) "
            + "if this page should reach the server.");
    }

    private bool IsAllowed(string origin) =>
        _allowed.Contains(Normalize(origin))
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && IsLoopback(uri.Host));

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Normalize(string origin) => origin.Trim().TrimEnd('/');
}
