namespace Strata.Core.Users;

/// <summary>API keys: several per user, each stored only as the SHA-256 of its secret.</summary>
public interface IApiKeyStore
{
    /// <summary>The owner of a key that is not revoked, with the key, or null.</summary>
    Task<(User User, ApiKey Key)?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken);

    Task InsertKeyAsync(NewApiKey key, CancellationToken cancellationToken);

    /// <summary>The user's keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListKeysAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Revokes the user's key (a key already revoked keeps its first revocation time); false when the user
    /// has no key with that id.</summary>
    Task<bool> RevokeKeyAsync(string userId, string keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the key was used at <paramref name="at"/>.</summary>
    Task TouchKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);
}
