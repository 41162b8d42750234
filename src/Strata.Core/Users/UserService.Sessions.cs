using System.Security.Cryptography;
using Strata.Core.Hashing;

namespace Strata.Core.Users;

/// <summary>
/// Sessions of the web page. Signing in checks an API key once and inserts one session row (its own transaction); the
/// browser then holds a random 256-bit session id, of which only the hash is stored. Each lookup re-checks the key, so
/// revoking it ends every session it opened at once; signing out stamps the row ended. The CSRF token is derived from
/// the session id (a hash the server can recompute and an attacker without the cookie cannot), so no second secret
/// is stored.
/// </summary>
public sealed partial class UserService
{
    /// <summary>How long a session lasts from sign-in, used or not (the page has no "remember me").</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private const int MaxSessionIdLength = 100;

    /// <summary>A new session for the key's owner, or null when the key is not valid or revoked.</summary>
    public async Task<StartedWebSession?> SignInAsync(string? apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || !apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || apiKey.Length > 200) return null;
        if (await users.FindByKeyHashAsync(HashKey(apiKey), cancellationToken) is not var (user, key)) return null;
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var expires = now + SessionLifetime;
        await users.InsertSessionAsync(new WebSessionRecord(HashSession(sessionId), user.Id, key.Id, now, expires), cancellationToken);
        return new StartedWebSession(sessionId, new WebSession(user, CsrfTokenOf(sessionId)), expires);
    }

    /// <summary>The live session with this id, or null (unknown, ended, expired, or its key revoked).</summary>
    public async Task<WebSession?> FindSessionAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > MaxSessionIdLength) return null;
        var user = await users.FindSessionAsync(HashSession(sessionId), clock.GetUtcNow(), cancellationToken);
        return user is null ? null : new WebSession(user, CsrfTokenOf(sessionId));
    }

    /// <summary>Ends the session; an unknown or ended one is left as it is.</summary>
    public async Task SignOutAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > MaxSessionIdLength) return;
        await users.EndSessionAsync(HashSession(sessionId), clock.GetUtcNow(), cancellationToken);
    }

    private static string HashSession(string sessionId) => Sha256Hex.OfParts("web-session", sessionId);

    private static string CsrfTokenOf(string sessionId) => Sha256Hex.OfParts("web-csrf", sessionId);
}
