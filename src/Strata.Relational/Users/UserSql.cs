namespace Strata.Relational.Users;

/// <summary>The users and api_keys tables' SQL, the one place read across users. Both databases accept the same text.</summary>
internal sealed record UserSql
{
    public const string Columns = "u.id AS Id, u.name AS Name, u.plan AS Plan, u.created_at AS CreatedAt, " +
        "EXISTS (SELECT 1 FROM api_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL) AS HasKey";

    public const string KeyColumns = "k.id AS Id, k.user_id AS UserId, k.label AS Label, k.created_at AS CreatedAt, " +
        "k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt";

    public string FindByName { get; init; } = $"SELECT {Columns} FROM users u WHERE u.name = @name";

    public string FindById { get; init; } = $"SELECT {Columns} FROM users u WHERE u.id = @UserId";

    public string Insert { get; init; } =
        "INSERT INTO users (id, name, plan, created_at) VALUES (@Id, @Name, @Plan, @createdAt) ON CONFLICT DO NOTHING";

    public string List { get; init; } = $"SELECT {Columns} FROM users u ORDER BY u.name";

    public string FindKeyByHash { get; init; } = $"SELECT {KeyColumns} FROM api_keys k WHERE k.key_hash = @keyHash AND k.revoked_at IS NULL";

    public string InsertKey { get; init; } =
        "INSERT INTO api_keys (id, user_id, label, key_hash, created_at) VALUES (@Id, @UserId, @Label, @KeyHash, @createdAt)";

    public string ListKeys { get; init; } = $"SELECT {KeyColumns} FROM api_keys k WHERE k.user_id = @userId ORDER BY k.created_at, k.id";

    public string RevokeKey { get; init; } =
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @keyId AND user_id = @userId";

    public string TouchKey { get; init; } = "UPDATE api_keys SET last_used_at = @at WHERE id = @keyId";

    public string InsertSession { get; init; } =
        "INSERT INTO web_sessions (session_hash, user_id, key_id, created_at, expires_at) VALUES (@SessionHash, @UserId, @KeyId, @createdAt, @expiresAt)";

    /// <summary>A session is live while it is not ended or expired and the key that opened it is not revoked.</summary>
    public string FindSession { get; init; } = $"SELECT {Columns} FROM web_sessions s JOIN api_keys k ON k.id = s.key_id JOIN users u ON u.id = s.user_id " +
        "WHERE s.session_hash = @sessionHash AND s.ended_at IS NULL AND s.expires_at > @now AND k.revoked_at IS NULL";

    public string EndSession { get; init; } = "UPDATE web_sessions SET ended_at = COALESCE(ended_at, @at) WHERE session_hash = @sessionHash";
}
