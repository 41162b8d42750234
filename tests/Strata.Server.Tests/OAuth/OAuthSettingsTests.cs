using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;
using Strata.Server.Auth.OAuth;

namespace Strata.Server.Tests.OAuth;

/// <summary>OAuth settings are read once at start; anything wrong stops the server with the setting named.</summary>
public sealed class OAuthSettingsTests
{
    private static OAuthSettings? Read(params (string Key, string Value)[] settings) =>
        OAuthSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void Nothing_configured_means_API_keys_only()
    {
        Assert.Null(Read());
    }

    [Fact]
    public void A_resource_and_an_issuer_turn_it_on_with_the_defaults()
    {
        var settings = Read(("OAuth:Resource", "https://strata.example.com"), ("OAuth:Issuers:0:Issuer", "https://auth.example.com/realms/strata"));

        var issuer = Assert.Single(settings!.Issuers);
        Assert.Equal("https://auth.example.com/realms/strata/.well-known/openid-configuration", issuer.Metadata.AbsoluteUri);
        Assert.Equal("sub", issuer.UserClaim);
        Assert.Equal("https://strata.example.com/.well-known/oauth-protected-resource", ProtectedResourceMetadata.Url(settings));
    }

    [Theory]
    [InlineData("OAuth:Resource", "https://strata.example.com", null, null, "no issuer")]
    [InlineData("OAuth:Issuers:0:Issuer", "https://auth.example.com", null, null, "OAuth:Resource is not")]
    [InlineData("OAuth:Resource", "http://strata.example.com", "OAuth:Issuers:0:Issuer", "https://auth.example.com", "OAuth:Resource must use https")]
    [InlineData("OAuth:Resource", "https://strata.example.com?x=1", "OAuth:Issuers:0:Issuer", "https://auth.example.com", "no query")]
    [InlineData("OAuth:Resource", "strata.example.com", "OAuth:Issuers:0:Issuer", "https://auth.example.com", "absolute https URL")]
    [InlineData("OAuth:Resource", "https://strata.example.com", "OAuth:Issuers:0:Issuer", "http://auth.example.com", "OAuth:Issuers:0:Issuer must use https")]
    [InlineData("OAuth:Resource", "https://strata.example.com", "OAuth:Issuers:0:Metadata", "https://auth.example.com/m", "OAuth:Issuers:0:Issuer is missing")]
    [InlineData("OAuth:Resource", "https://strata.example.com", "OAuth:RequireHttps", "maybe", "OAuth:RequireHttps must be true or false")]
    public void A_wrong_setting_is_refused_with_its_key_named(string key, string value, string? otherKey, string? otherValue, string said)
    {
        var settings = otherKey is null ? new[] { (key, value) } : [(key, value), (otherKey, otherValue!)];

        var refused = Assert.Throws<StrataConfigurationException>(() => Read(settings));

        Assert.Contains(said, refused.Message);
    }

    [Fact]
    public void Plain_http_is_accepted_on_loopback_or_when_https_is_not_required()
    {
        Assert.NotNull(Read(("OAuth:Resource", "http://127.0.0.1:8080"), ("OAuth:Issuers:0:Issuer", "http://localhost:8180/realms/strata")));
        var privateNetwork = Read(("OAuth:Resource", "http://api-1:8080"), ("OAuth:Issuers:0:Issuer", "http://keycloak:8180/realms/strata"), ("OAuth:RequireHttps", "false"));
        Assert.True(privateNetwork!.AllowHttp);
    }
}
