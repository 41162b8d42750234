using Dapper;
using Npgsql;
using Strata.Core.Users;

namespace Strata.Postgres.Storage;

internal sealed partial class PostgresUserStore
{
    private const string KeyColumns = "k.id AS Id, k.user_id AS UserId, k.label AS Label, k.created_at AS CreatedAt, " +
        "k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt";

    public async Task<(User User, ApiKey Key)?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var key = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            $"SELECT {KeyColumns} FROM api_keys k WHERE k.key_hash = @keyHash AND k.revoked_at IS NULL", new { keyHash });
        if (key is null) return null;
        var user = await connection.QuerySingleAsync<UserRow>($"SELECT {Columns} FROM users u WHERE u.id = @UserId", new { key.UserId });
        return (user.ToUser(), key.ToKey());
    }

    public async Task InsertKeyAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await InsertKeyAsync(connection, key, transaction: null);
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(
            $"SELECT {KeyColumns} FROM api_keys k WHERE k.user_id = @userId ORDER BY k.created_at, k.id", new { userId });
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeKeyAsync(string userId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var found = await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @keyId AND user_id = @userId",
            new { keyId, userId, at = PgTime.Write(at) });
        return found == 1;
    }

    public async Task TouchKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE api_keys SET last_used_at = @at WHERE id = @keyId", new { keyId, at = PgTime.Write(at) });
    }

    private static Task<int> InsertKeyAsync(NpgsqlConnection connection, NewApiKey key, NpgsqlTransaction? transaction) =>
        connection.ExecuteAsync(
            "INSERT INTO api_keys (id, user_id, label, key_hash, created_at) VALUES (@Id, @UserId, @Label, @KeyHash, @createdAt)",
            new { key.Key.Id, key.Key.UserId, key.Key.Label, key.KeyHash, createdAt = PgTime.Write(key.Key.CreatedAt) }, transaction);

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? Label { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? LastUsedAt { get; set; }
        public DateTime? RevokedAt { get; set; }

        public ApiKey ToKey() => new(Id, UserId, Label, PgTime.Read(CreatedAt), PgTime.Read(LastUsedAt), PgTime.Read(RevokedAt));
    }
}
