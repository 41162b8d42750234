using Microsoft.IdentityModel.JsonWebTokens;

namespace Strata.Server.Auth.OAuth;

/// <summary>The two scopes a token may carry: <c>strata:read</c> reads, <c>strata:write</c> reads and writes.</summary>
public static class AccessScopes
{
    public const string Read = "strata:read";
    public const string Write = "strata:write";

    public static readonly IReadOnlyList<string> All = [Read, Write];

    /// <summary>The scopes of a token: the space-separated <c>scope</c> claim (RFC 9068), or <c>scp</c> as a string or an
    /// array, as some issuers write it (an array arrives as one claim per element).</summary>
    public static IReadOnlySet<string> Of(JsonWebToken token) =>
        token.Claims
            .Where(claim => claim.Type is "scope" or "scp")
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
}
