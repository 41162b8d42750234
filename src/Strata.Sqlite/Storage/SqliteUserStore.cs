using Dapper;
using Strata.Core.Users;

namespace Strata.Sqlite.Storage;

internal sealed class SqliteUserStore(SqliteStrataStore store) : IUserStore
{
    private const string Columns = "id AS Id, name AS Name, plan AS Plan, created_at AS CreatedAt, api_key_hash IS NOT NULL AS HasKey";

    public async Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var connection = lease.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE name = @name", new { name });
        return row?.ToUser();
    }

    public async Task<User?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var connection = lease.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE api_key_hash = @apiKeyHash", new { apiKeyHash });
        return row?.ToUser();
    }

    public async Task<bool> InsertAsync(User user, string? apiKeyHash, CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var connection = lease.Connection;
        // A write of its own outside any session: it waits for the write lock like a session does, and says so the same way.
        var inserted = await SqliteBusy.TranslateAsync(() => connection.ExecuteAsync(
            "INSERT INTO users (id, name, plan, api_key_hash, created_at) VALUES (@Id, @Name, @Plan, @apiKeyHash, @createdAt) ON CONFLICT DO NOTHING",
            new { user.Id, user.Name, user.Plan, apiKeyHash, createdAt = SqliteTime.Write(user.CreatedAt) }), store.BusyTimeout);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        using var lease = store.Lease();
        var connection = lease.Connection;
        var rows = await connection.QueryAsync<UserRow>($"SELECT {Columns} FROM users ORDER BY name");
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
