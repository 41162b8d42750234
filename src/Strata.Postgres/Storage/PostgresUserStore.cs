using Dapper;
using Strata.Core.Users;

namespace Strata.Postgres.Storage;

internal sealed partial class PostgresUserStore(Npgsql.NpgsqlDataSource store) : IUserStore
{
    private const string Columns = "u.id AS Id, u.name AS Name, u.plan AS Plan, u.created_at AS CreatedAt, " +
        "EXISTS (SELECT 1 FROM api_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL) AS HasKey";

    public async Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users u WHERE u.name = @name", new { name });
        return row?.ToUser();
    }

    public async Task<bool> InsertAsync(User user, NewApiKey? firstKey, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO users (id, name, plan, created_at) VALUES (@Id, @Name, @Plan, @createdAt) ON CONFLICT DO NOTHING",
            new { user.Id, user.Name, user.Plan, createdAt = PgTime.Write(user.CreatedAt) }, transaction);
        if (inserted == 1 && firstKey is not null) await InsertKeyAsync(connection, firstKey, transaction);
        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>($"SELECT {Columns} FROM users u ORDER BY u.name");
        return rows.Select(r => r.ToUser()).ToList();
    }

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Plan { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public bool HasKey { get; set; }

        public User ToUser() => new(Id, Name, Plan, PgTime.Read(CreatedAt), HasKey);
    }
}
