using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Strata.Server.Auth.OAuth;

/// <summary>
/// OAuth 2.0 Protected Resource Metadata (RFC 9728): how a client learns which authorization server issues tokens for
/// this server, for which resource and with which scopes. Served at <c>/.well-known/oauth-protected-resource</c> followed
/// by the resource URI's path (the form RFC 9728 asks for, and the one the 401 links to), and at the bare path too.
/// </summary>
public static class ProtectedResourceMetadata
{
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    /// <summary>The metadata's address, on the configured resource's origin (never the request's Host, which a client
    /// chooses).</summary>
    public static string Url(OAuthSettings settings) =>
        settings.Resource.GetLeftPart(UriPartial.Authority) + WellKnownPath + settings.Resource.AbsolutePath.TrimEnd('/');

    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder app, OAuthSettings settings)
    {
        var json = Document(settings);
        var suffixed = WellKnownPath + settings.Resource.AbsolutePath.TrimEnd('/');
        foreach (var path in new[] { WellKnownPath, suffixed }.Distinct(StringComparer.Ordinal))
        {
            app.MapGet(path, () => Results.Bytes(json, "application/json"));
        }
        return app;
    }

    private static byte[] Document(OAuthSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", settings.Resource.OriginalString);
            writer.WriteStartArray("authorization_servers");
            foreach (var issuer in settings.Issuers) writer.WriteStringValue(issuer.Issuer);
            writer.WriteEndArray();
            writer.WriteStartArray("scopes_supported");
            foreach (var scope in AccessScopes.All) writer.WriteStringValue(scope);
            writer.WriteEndArray();
            writer.WriteStartArray("bearer_methods_supported");
            writer.WriteStringValue("header");
            writer.WriteEndArray();
            writer.WriteString("resource_name", "Strata");
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
