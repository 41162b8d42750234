namespace Strata.Core.Operations;

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyView(string KeyId, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Active);

public sealed record ApiKeyList(string UserId, string Name, IReadOnlyList<ApiKeyView> Keys);

/// <param name="ApiKey">The secret, shown this once; only its hash is stored.</param>
public sealed record CreatedApiKey(string KeyId, string UserId, string Name, string? Label, string ApiKey, DateTimeOffset CreatedAt);
