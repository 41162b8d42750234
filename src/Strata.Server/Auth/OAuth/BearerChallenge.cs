using System.Text;

namespace Strata.Server.Auth.OAuth;

/// <summary>The <c>WWW-Authenticate</c> value of a refusal (RFC 6750 §3), with the metadata link of RFC 9728 §5.1 when
/// tokens are accepted, so a client can find the authorization server from the refusal alone.</summary>
public static class BearerChallenge
{
    /// <param name="error">RFC 6750 error code; null when no credential came (the RFC then asks for none).</param>
    /// <param name="description">A sentence for people; only printable ASCII without quotes reaches the header.</param>
    /// <param name="scope">The scope that would have been enough, for <c>insufficient_scope</c>.</param>
    public static string For(OAuthSettings? oauth, string? error, string? description = null, string? scope = null)
    {
        var header = new StringBuilder("Bearer realm=\"strata\"");
        if (oauth is not null) header.Append(", resource_metadata=\"").Append(ProtectedResourceMetadata.Url(oauth)).Append('"');
        if (error is not null) header.Append(", error=\"").Append(error).Append('"');
        if (description is not null) header.Append(", error_description=\"").Append(HeaderSafe(description)).Append('"');
        if (scope is not null) header.Append(", scope=\"").Append(scope).Append('"');
        return header.ToString();
    }

    /// <summary>Token claims are the sender's text: nothing they hold may end the quoted string or the header.</summary>
    private static string HeaderSafe(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?').ToArray());
}
