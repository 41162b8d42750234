using System.Data.Common;
using Dapper;
using Strata.Core.Users;

namespace Strata.Relational.Users;

/// <summary>API keys: stored as hashes only, several per user, revocable, last use kept.</summary>
internal sealed partial class UserStore
{
    public Task<(User User, ApiKey Key)?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken) =>
        work.ReadAsync<(User, ApiKey)?>(async (connection, transaction) =>
        {
            var key = await connection.QuerySingleOrDefaultAsync<KeyRow>(Sql.FindKeyByHash, new { keyHash }, transaction);
            if (key is null) return null;
            var user = await connection.QuerySingleAsync<UserRow>(Sql.FindById, new { key.UserId }, transaction);
            return (user.ToUser(), key.ToKey());
        }, cancellationToken);

    public Task InsertKeyAsync(NewApiKey key, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => InsertKeyAsync(connection, key, transaction), cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string userId, CancellationToken cancellationToken)
    {
        var rows = await work.ReadAsync((connection, transaction) => connection.QueryAsync<KeyRow>(Sql.ListKeys, new { userId }, transaction),
            cancellationToken);
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<bool> RevokeKeyAsync(string userId, string keyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.RevokeKey,
            new { keyId, userId, at = work.Dialect.Time(at) }, transaction), cancellationToken) == 1;

    public Task TouchKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.TouchKey,
            new { keyId, at = work.Dialect.Time(at) }, transaction), cancellationToken);

    private Task<int> InsertKeyAsync(DbConnection connection, NewApiKey key, DbTransaction transaction) =>
        connection.ExecuteAsync(Sql.InsertKey,
            new { key.Key.Id, key.Key.UserId, key.Key.Label, key.KeyHash, createdAt = work.Dialect.Time(key.Key.CreatedAt) }, transaction);

    /// <summary>One row as either database returns it; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? Label { get; set; }
        public object CreatedAt { get; set; } = "";
        public object? LastUsedAt { get; set; }
        public object? RevokedAt { get; set; }

        public ApiKey ToKey() => new(Id, UserId, Label, StoredTime.Read(CreatedAt), StoredTime.ReadNullable(LastUsedAt), StoredTime.ReadNullable(RevokedAt));
    }
}
