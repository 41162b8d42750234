namespace Strata.Core.Users;

/// <summary>Sessions of the web page, stored by the SHA-256 of their id only. Read across users (as API keys are): a
/// session becomes a user before any user is known.</summary>
public interface IWebSessionStore
{
    Task InsertSessionAsync(WebSessionRecord session, CancellationToken cancellationToken);

    /// <summary>The owner of a session that is neither ended nor expired at <paramref name="now"/> and whose key is not
    /// revoked, or null.</summary>
    Task<User?> FindSessionAsync(string sessionHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends the session (an ended one keeps its first end time).</summary>
    Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <param name="SessionHash">SHA-256 of the session id the browser holds, in lower-case hex.</param>
/// <param name="KeyId">The API key that signed in: revoking it ends the session.</param>
public sealed record WebSessionRecord(string SessionHash, string UserId, string KeyId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
