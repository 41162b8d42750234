using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Server.Http;

namespace Strata.Server.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;api key&gt;</c> on the API and MCP paths and makes the key's owner the caller.
/// The core looks keys up by their SHA-256, so the secret is never compared character by character, stored or logged.
/// </summary>
public sealed class BearerAuthentication(RequestDelegate next, StrataServices services, ILogger<BearerAuthentication> logger)
{
    private const string Scheme = "Bearer ";

    public static bool Protects(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.Ordinal) || path.StartsWithSegments("/mcp", StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Protects(context.Request.Path))
        {
            await next(context);
            return;
        }
        var key = BearerKey(context.Request.Headers.Authorization.ToString());
        if (key is null)
        {
            await RefuseAsync(context, "invalid_request",
                "An API key is required: send 'Authorization: Bearer <key>'. Create a user and key with 'strata users create NAME', or a key for an existing user with 'strata users keys create NAME'.");
            return;
        }
        var user = await services.Users.AuthenticateAsync(key, context.RequestAborted);
        if (user is null)
        {
            await RefuseAsync(context, "invalid_token", "The API key is not valid or was revoked: check it, or create a new one with 'strata users keys create NAME'.");
            return;
        }
        var caller = new Caller(user.Id, user.Name);
        context.Features.Set(caller);
        context.User = caller.Principal();
        await next(context);
    }

    private static string? BearerKey(string header) =>
        header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;

    private async Task RefuseAsync(HttpContext context, string error, string message)
    {
        ServerLog.AuthenticationRefused(logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), error);
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"strata\", error=\"{error}\"";
        await Problems.WriteAsync(context, ErrorCodes.Unauthorized, message);
    }
}
