using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Strata.Server.Auth.OAuth;

namespace Strata.Server.Tests.OAuth;

/// <summary>
/// A small real authorization server on 127.0.0.1: OpenID/OAuth metadata, a JWKS with an RSA key it generates, and a
/// token endpoint for the client_credentials grant (RFC 6749 §4.4, with the RFC 8707 <c>resource</c> as audience). Tests
/// also mint tokens directly, right or wrong in one respect each.
/// </summary>
public sealed class TestAuthorizationServer : IAsyncDisposable
{
    public const string KeyId = "test-key-1";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal);

    private TestAuthorizationServer(WebApplication app) => _app = app;

    /// <summary>The issuer URL: the server's own address, as its tokens' <c>iss</c>.</summary>
    public string Issuer { get; private set; } = "";

    public static async Task<TestAuthorizationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestAuthorizationServer(app);
        app.MapGet("/.well-known/openid-configuration", server.Metadata);
        app.MapGet("/.well-known/oauth-authorization-server", server.Metadata);
        app.MapGet("/jwks", server.Keys);
        app.MapPost("/token", (Delegate)server.TokenAsync);
        await app.StartAsync();
        server.Issuer = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    /// <summary>Resource-server settings trusting this issuer for <paramref name="resource"/>.</summary>
    public OAuthSettings Settings(string resource, params TestAuthorizationServer[] others) =>
        new(new Uri(resource), [Trusted, .. others.Select(other => other.Trusted)]);

    public OAuthIssuer Trusted => new(Issuer, new Uri(Issuer + "/.well-known/openid-configuration"), OAuthIssuer.DefaultUserClaim);

    /// <summary>Registers a confidential client; its tokens name the client id as their subject.</summary>
    public void RegisterClient(string clientId, string secret) => _clients[clientId] = secret;

    /// <summary>A signed access token; each argument can be made wrong by the test.</summary>
    public string Issue(string subject, string audience, string scope, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null,
        string? issuer = null, RSA? signWith = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTimeOffset.UtcNow;
        return Sign(subject, audience, scope, new RsaSecurityKey(signWith ?? _key) { KeyId = KeyId }, algorithm, issuer ?? Issuer,
            notBefore ?? now.AddMinutes(-1), expires ?? now.AddHours(1));
    }

    /// <summary>A token signed with any key, e.g. the issuer's public key misused as an HMAC secret.</summary>
    public string IssueWithKey(string subject, string audience, string scope, SecurityKey key, string algorithm) =>
        Sign(subject, audience, scope, key, algorithm, Issuer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));

    private static string Sign(string subject, string audience, string scope, SecurityKey key, string algorithm, string issuer,
        DateTimeOffset from, DateTimeOffset until)
    {
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = from.UtcDateTime,
            NotBefore = from.UtcDateTime,
            Expires = until.UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>A token with <c>alg: none</c> and no signature, otherwise right.</summary>
    public string Unsigned(string subject, string audience, string scope)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = subject, ["scope"] = scope,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }));
        return $"{header}.{payload}.";
    }

    private IResult Metadata() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/jwks",
        // RFC 8414 requires an authorization endpoint; this server issues tokens to clients only, so nothing answers there.
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["grant_types_supported"] = new[] { "client_credentials" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
        ["response_types_supported"] = new[] { "code" },
        ["scopes_supported"] = AccessScopes.All,
    });

    private IResult Keys()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
                },
            },
        });
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(context.Request, form);
        if (form["grant_type"] != "client_credentials") return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        if (clientId is null || !_clients.TryGetValue(clientId, out var expected) || expected != secret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        var resource = form["resource"].ToString();
        if (resource.Length == 0) return Results.Json(new { error = "invalid_target", error_description = "resource is required" }, statusCode: 400);
        var scope = form["scope"].ToString() is { Length: > 0 } asked ? asked : string.Join(' ', AccessScopes.All);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Issue(clientId, resource, scope),
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["scope"] = scope,
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
