using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Users;
using Strata.Server.Auth.OAuth;
using Strata.Server.Http;

namespace Strata.Server.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;credential&gt;</c> on the API and MCP paths and makes its owner the caller. The
/// credential is an API key (looked up by its SHA-256, so the secret is never compared character by character, stored or
/// logged) or, when OAuth is configured, an access token of a trusted issuer for this server (its user created on first
/// use). A token with the read scope only may not write: such requests are refused with 403 <c>insufficient_scope</c>.
/// </summary>
public sealed class BearerAuthentication(RequestDelegate next, StrataServices services, StrataHostOptions options, TimeProvider clock,
    ILogger<BearerAuthentication> logger)
{
    private const string Scheme = "Bearer ";

    private readonly AccessTokenValidator? _tokens = options.OAuth is { } oauth ? new AccessTokenValidator(oauth, clock) : null;

    public static bool Protects(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.Ordinal) || path.StartsWithSegments("/mcp", StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Protects(context.Request.Path))
        {
            await next(context);
            return;
        }
        var credential = BearerKey(context.Request.Headers.Authorization.ToString());
        if (credential is null)
        {
            await RefuseAsync(context, options.OAuth is null ? "invalid_request" : null, ErrorCodes.Unauthorized,
                "An API key is required: send 'Authorization: Bearer <key>'. Create a user and key with 'strata users create NAME', or a key for an existing user with 'strata users keys create NAME'."
                + (options.OAuth is null ? "" : " An OAuth access token from an authorization server named in " + ProtectedResourceMetadata.Url(options.OAuth) + " is accepted too."));
            return;
        }
        var caller = _tokens is not null && !credential.StartsWith(UserService.KeyPrefix, StringComparison.Ordinal) && AccessTokenValidator.LooksLikeJwt(credential)
            ? await TokenCallerAsync(context, _tokens, credential)
            : await KeyCallerAsync(context, credential);
        if (caller is null) return;
        if (!caller.CanWrite && await WriteRequests.IsWriteAsync(context))
        {
            await RefuseAsync(context, "insufficient_scope", ErrorCodes.InsufficientScope,
                $"This access token allows reading only: writing needs the '{AccessScopes.Write}' scope.", AccessScopes.Write);
            return;
        }
        context.Features.Set(caller);
        context.User = caller.Principal();
        await next(context);
    }

    private async Task<Caller?> KeyCallerAsync(HttpContext context, string key)
    {
        var user = await services.Users.AuthenticateAsync(key, context.RequestAborted);
        if (user is not null) return new Caller(user.Id, user.Name);
        await RefuseAsync(context, "invalid_token", ErrorCodes.Unauthorized,
            "The API key is not valid or was revoked: check it, or create a new one with 'strata users keys create NAME'.");
        return null;
    }

    private async Task<Caller?> TokenCallerAsync(HttpContext context, AccessTokenValidator tokens, string token)
    {
        var verdict = await tokens.ValidateAsync(token, context.RequestAborted);
        if (verdict.Identity is not { } identity)
        {
            await RefuseAsync(context, "invalid_token", ErrorCodes.Unauthorized, verdict.Refusal!);
            return null;
        }
        if (!identity.Scopes.Contains(AccessScopes.Read) && !identity.Scopes.Contains(AccessScopes.Write))
        {
            await RefuseAsync(context, "insufficient_scope", ErrorCodes.InsufficientScope,
                $"This access token carries neither '{AccessScopes.Read}' nor '{AccessScopes.Write}': ask its issuer for one of them.", AccessScopes.Read);
            return null;
        }
        var user = await services.Users.EnsureTokenUserAsync(identity.Issuer.Issuer, identity.Subject, context.RequestAborted);
        return new Caller(user.Id, user.Name, CanWrite: identity.Scopes.Contains(AccessScopes.Write));
    }

    private static string? BearerKey(string header) =>
        header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;

    private async Task RefuseAsync(HttpContext context, string? error, string code, string message, string? scope = null)
    {
        ServerLog.AuthenticationRefused(logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), error ?? "no credential");
        context.Response.Headers.WWWAuthenticate = BearerChallenge.For(options.OAuth, error, error is null ? null : message, scope);
        await Problems.WriteAsync(context, code, message);
    }
}
