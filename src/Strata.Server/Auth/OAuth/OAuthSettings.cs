using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;

namespace Strata.Server.Auth.OAuth;

/// <summary>
/// Strata as an OAuth 2.1 resource server (the <c>OAuth</c> section of strata.json, or <c>STRATA_OAuth__…</c>): access
/// tokens from the listed issuers are accepted on /v1 and /mcp beside API keys, when their audience is
/// <see cref="Resource"/>. Off (null) unless <c>OAuth:Resource</c> is set.
/// </summary>
/// <param name="Resource">This server's resource URI (RFC 8707/9728): the audience every accepted token must carry.</param>
/// <param name="Issuers">The authorization servers whose tokens are accepted.</param>
public sealed record OAuthSettings(Uri Resource, IReadOnlyList<OAuthIssuer> Issuers)
{
    /// <summary>Metadata and keys may be read over plain http (only when <c>OAuth:RequireHttps</c> is false).</summary>
    public bool AllowHttp { get; init; }

    public const string Section = "OAuth";

    /// <summary>The settings, or null when <c>OAuth:Resource</c> is absent; anything set wrongly stops the start with
    /// a sentence naming the setting.</summary>
    public static OAuthSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var resourceText = section["Resource"];
        var issuers = section.GetSection("Issuers").GetChildren().ToList();
        if (string.IsNullOrWhiteSpace(resourceText))
        {
            if (issuers.Count > 0) throw new StrataConfigurationException("OAuth:Issuers is set but OAuth:Resource is not: set OAuth:Resource to this server's public URI (the audience its tokens carry).");
            return null;
        }
        var requireHttps = section["RequireHttps"] switch
        {
            null or "" or "true" => true,
            "false" => false,
            var other => throw new StrataConfigurationException($"OAuth:RequireHttps must be true or false (got '{other}')."),
        };
        var resource = SecureUri("OAuth:Resource", resourceText, requireHttps);
        if (!string.IsNullOrEmpty(resource.Query) || !string.IsNullOrEmpty(resource.Fragment))
        {
            throw new StrataConfigurationException($"OAuth:Resource must have no query and no fragment (got '{resourceText}').");
        }
        if (issuers.Count == 0)
        {
            throw new StrataConfigurationException("OAuth:Resource is set but no issuer is: add OAuth:Issuers:0:Issuer (the authorization server's issuer URL).");
        }
        return new OAuthSettings(resource, issuers.Select(issuer => ReadIssuer(issuer, requireHttps)).ToList()) { AllowHttp = !requireHttps };
    }

    private static OAuthIssuer ReadIssuer(IConfigurationSection section, bool requireHttps)
    {
        var where = $"OAuth:Issuers:{section.Key}";
        var issuerText = section["Issuer"];
        if (string.IsNullOrWhiteSpace(issuerText)) throw new StrataConfigurationException($"{where}:Issuer is missing: the authorization server's issuer URL, exactly as its tokens' 'iss' claim says it.");
        SecureUri($"{where}:Issuer", issuerText, requireHttps);
        var metadataText = section["Metadata"];
        var metadata = string.IsNullOrWhiteSpace(metadataText)
            ? new Uri(issuerText.TrimEnd('/') + "/.well-known/openid-configuration")
            : SecureUri($"{where}:Metadata", metadataText, requireHttps);
        var claim = section["UserClaim"];
        if (claim is not null && (claim.Length == 0 || claim.Any(char.IsWhiteSpace)))
        {
            throw new StrataConfigurationException($"{where}:UserClaim must be a claim name such as sub (got '{claim}').");
        }
        return new OAuthIssuer(issuerText, metadata, claim ?? OAuthIssuer.DefaultUserClaim);
    }

    /// <summary>An absolute https URI; http only on loopback, where nothing on the way can read or change a token, or when
    /// <c>OAuth:RequireHttps</c> is false (a private network such as docker-compose's).</summary>
    private static Uri SecureUri(string key, string text, bool requireHttps)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new StrataConfigurationException($"{key} must be an absolute https URL (got '{text}').");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && requireHttps)
        {
            throw new StrataConfigurationException($"{key} must use https (http is accepted on loopback addresses only, or with OAuth:RequireHttps false on a private network; got '{text}').");
        }
        return uri;
    }
}

/// <param name="Issuer">The issuer URL, compared exactly with a token's <c>iss</c>.</param>
/// <param name="Metadata">Where its metadata (with <c>jwks_uri</c>) is read: OpenID Connect discovery unless set.</param>
/// <param name="UserClaim">The claim naming the user at that issuer.</param>
public sealed record OAuthIssuer(string Issuer, Uri Metadata, string UserClaim)
{
    public const string DefaultUserClaim = "sub";
}
