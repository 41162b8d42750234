using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Strata.Server.Auth.OAuth;

/// <summary>The identity a valid access token proves: who at which issuer, with which scopes.</summary>
public sealed record TokenIdentity(OAuthIssuer Issuer, string Subject, IReadOnlySet<string> Scopes);

/// <summary>A checked token: its identity, or why it is refused (a sentence for the <c>error_description</c>).</summary>
public sealed record TokenVerdict(TokenIdentity? Identity, string? Refusal)
{
    public static TokenVerdict Refused(string why) => new(null, why);
}

/// <summary>
/// Checks a JWT access token: issued by a configured issuer, signed by a key of that issuer's JWKS (asymmetric algorithms
/// only, so <c>alg=none</c> and a key-as-HMAC-secret swap are refused), for this server's resource, within its lifetime by
/// the injected clock, and naming the user in the issuer's user claim. Each issuer's keys are read through its metadata
/// and cached; an unknown key id refreshes them once, as happens when the issuer rotates its keys.
/// </summary>
public sealed class AccessTokenValidator
{
    /// <summary>How far a token's clock may be from ours: issuers and servers rarely agree to the second.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private const int MaxSubjectLength = 200;

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly Dictionary<string, (OAuthIssuer Issuer, ConfigurationManager<OpenIdConnectConfiguration> Keys)> _issuers;
    private readonly string[] _audiences;
    private readonly TimeProvider _clock;

    public AccessTokenValidator(OAuthSettings settings, TimeProvider clock)
    {
        _clock = clock;
        var resource = settings.Resource.OriginalString;
        // "https://strata.example.com" and "https://strata.example.com/" name the same resource.
        _audiences = [resource, resource.TrimEnd('/'), resource.TrimEnd('/') + "/"];
        _issuers = settings.Issuers.ToDictionary(issuer => issuer.Issuer, issuer => (issuer, new ConfigurationManager<OpenIdConnectConfiguration>(
            issuer.Metadata.AbsoluteUri, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = !issuer.Metadata.IsLoopback && !settings.AllowHttp })), StringComparer.Ordinal);
    }

    /// <summary>Whether the credential looks like a JWT (three dot-separated parts) rather than an API key.</summary>
    public static bool LooksLikeJwt(string credential) => credential.Count(c => c == '.') == 2;

    public async Task<TokenVerdict> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (Exception failure) when (failure is ArgumentException or SecurityTokenMalformedException)
        {
            return TokenVerdict.Refused("The access token is not a well-formed JWT.");
        }
        if (string.Equals(unverified.Alg, "none", StringComparison.OrdinalIgnoreCase)) return TokenVerdict.Refused("The access token is not signed (alg 'none').");
        if (!Algorithms.Contains(unverified.Alg, StringComparer.Ordinal))
        {
            return TokenVerdict.Refused("The access token is signed with an algorithm this server does not accept (RS*, PS* or ES* only).");
        }
        if (!_issuers.TryGetValue(unverified.Issuer ?? "", out var trusted))
        {
            return TokenVerdict.Refused($"The access token was issued by '{unverified.Issuer}', which this server does not trust.");
        }
        var result = await ValidateWithKeysAsync(token, trusted, refresh: false, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            result = await ValidateWithKeysAsync(token, trusted, refresh: true, cancellationToken);
        }
        if (!result.IsValid) return TokenVerdict.Refused(Describe(result.Exception));
        var valid = (JsonWebToken)result.SecurityToken;
        if (LifetimeRefusal(valid) is { } lifetime) return TokenVerdict.Refused(lifetime);
        if (!valid.TryGetPayloadValue<string>(trusted.Issuer.UserClaim, out var subject) || string.IsNullOrEmpty(subject))
        {
            return TokenVerdict.Refused($"The access token has no '{trusted.Issuer.UserClaim}' claim naming its user.");
        }
        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return TokenVerdict.Refused($"The access token's '{trusted.Issuer.UserClaim}' claim is longer than {MaxSubjectLength} characters or holds control characters.");
        }
        return new TokenVerdict(new TokenIdentity(trusted.Issuer, subject, AccessScopes.Of(valid)), null);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token,
        (OAuthIssuer Issuer, ConfigurationManager<OpenIdConnectConfiguration> Keys) trusted, bool refresh, CancellationToken cancellationToken)
    {
        if (refresh) trusted.Keys.RequestRefresh();
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await trusted.Keys.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException failure)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenException($"The keys of issuer '{trusted.Issuer.Issuer}' could not be read from {trusted.Issuer.Metadata}: {failure.Message}") };
        }
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = trusted.Issuer.Issuer,
            ValidAudiences = _audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            // Lifetime is checked by LifetimeRefusal against the injected clock instead.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
    }

    private string? LifetimeRefusal(JsonWebToken token)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue) return "The access token has no expiry ('exp').";
        if (token.ValidTo + ClockSkew < now) return $"The access token expired at {token.ValidTo:O}.";
        if (token.ValidFrom != DateTime.MinValue && token.ValidFrom - ClockSkew > now) return $"The access token is not valid before {token.ValidFrom:O}.";
        return null;
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "The access token is not meant for this server: its audience is not this server's resource URI.",
        SecurityTokenInvalidIssuerException => "The access token's issuer is not trusted by this server.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature does not verify with its issuer's keys.",
        SecurityTokenNoExpirationException => "The access token has no expiry ('exp').",
        null => "The access token is not valid.",
        SecurityTokenException => failure.Message.StartsWith("The keys of issuer", StringComparison.Ordinal) ? failure.Message : "The access token is not valid.",
        _ => "The access token is not valid.",
    };
}
