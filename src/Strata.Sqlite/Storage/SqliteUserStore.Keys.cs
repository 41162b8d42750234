using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core.Users;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteUserStore
{
    private const string KeyColumns = "k.id AS Id, k.user_id AS UserId, k.label AS Label, k.created_at AS CreatedAt, " +
        "k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt";

    public async Task<(User User, ApiKey Key)?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var key = await lease.Connection.QuerySingleOrDefaultAsync<KeyRow>(
            $"SELECT {KeyColumns} FROM api_keys k WHERE k.key_hash = @keyHash AND k.revoked_at IS NULL", new { keyHash });
        if (key is null) return null;
        var user = await lease.Connection.QuerySingleAsync<UserRow>($"SELECT {Columns} FROM users u WHERE u.id = @UserId", new { key.UserId });
        return (user.ToUser(), key.ToKey());
    }

    public async Task InsertKeyAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        await SqliteBusy.TranslateAsync(() => InsertKeyAsync(lease.Connection, key, transaction: null), store.BusyTimeout);
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string userId, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var rows = await lease.Connection.QueryAsync<KeyRow>(
            $"SELECT {KeyColumns} FROM api_keys k WHERE k.user_id = @userId ORDER BY k.created_at, k.id", new { userId });
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeKeyAsync(string userId, string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var found = await SqliteBusy.TranslateAsync(() => lease.Connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @keyId AND user_id = @userId",
            new { keyId, userId, at = SqliteTime.Write(at) }), store.BusyTimeout);
        return found == 1;
    }

    public async Task TouchKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        await SqliteBusy.TranslateAsync(() => lease.Connection.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @at WHERE id = @keyId", new { keyId, at = SqliteTime.Write(at) }), store.BusyTimeout);
    }

    private static Task<int> InsertKeyAsync(SqliteConnection connection, NewApiKey key, SqliteTransaction? transaction) =>
        connection.ExecuteAsync(
            "INSERT INTO api_keys (id, user_id, label, key_hash, created_at) VALUES (@Id, @UserId, @Label, @KeyHash, @createdAt)",
            new { key.Key.Id, key.Key.UserId, key.Key.Label, key.KeyHash, createdAt = SqliteTime.Write(key.Key.CreatedAt) }, transaction);

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? Label { get; set; }
        public string CreatedAt { get; set; } = "";
        public string? LastUsedAt { get; set; }
        public string? RevokedAt { get; set; }

        public ApiKey ToKey() => new(Id, UserId, Label, SqliteTime.Read(CreatedAt), SqliteTime.ReadNullable(LastUsedAt), SqliteTime.ReadNullable(RevokedAt));
    }
}
