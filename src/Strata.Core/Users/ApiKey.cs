namespace Strata.Core.Users;

/// <summary>One API key of a user. The secret is never kept: only its hash, in <see cref="NewApiKey"/> when created.</summary>
public sealed record ApiKey(string Id, string UserId, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <param name="KeyHash">SHA-256 of the secret, in lower-case hex.</param>
public sealed record NewApiKey(ApiKey Key, string KeyHash);
