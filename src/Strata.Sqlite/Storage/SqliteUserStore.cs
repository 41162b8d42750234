using Dapper;
using Strata.Core.Users;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteUserStore(SqliteStrataStore store) : IUserStore
{
    private const string Columns = "u.id AS Id, u.name AS Name, u.plan AS Plan, u.created_at AS CreatedAt, " +
        "EXISTS (SELECT 1 FROM api_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL) AS HasKey";

    public async Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var row = await lease.Connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users u WHERE u.name = @name", new { name });
        return row?.ToUser();
    }

    public async Task<bool> InsertAsync(User user, NewApiKey? firstKey, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var connection = lease.Connection;
        // A write of its own outside any session: it waits for the write lock like a session does, and says so the same way.
        return await SqliteBusy.TranslateAsync(async () =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO users (id, name, plan, created_at) VALUES (@Id, @Name, @Plan, @createdAt) ON CONFLICT DO NOTHING",
                new { user.Id, user.Name, user.Plan, createdAt = SqliteTime.Write(user.CreatedAt) }, transaction);
            if (inserted == 1 && firstKey is not null) await InsertKeyAsync(connection, firstKey, transaction);
            transaction.Commit();
            return inserted == 1;
        }, store.BusyTimeout);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var rows = await lease.Connection.QueryAsync<UserRow>($"SELECT {Columns} FROM users u ORDER BY u.name");
        return rows.Select(r => r.ToUser()).ToList();
    }

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Plan { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public bool HasKey { get; set; }

        public User ToUser() => new(Id, Name, Plan, SqliteTime.Read(CreatedAt), HasKey);
    }
}
