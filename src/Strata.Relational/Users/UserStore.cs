using Dapper;
using Strata.Core.Users;
using Strata.Relational.Work;

namespace Strata.Relational.Users;

/// <summary>Users, the one unscoped table: how a credential becomes a user. Each call runs on its own connection and
/// each write in its own transaction, outside any session (on PostgreSQL as the connecting role).</summary>
internal sealed partial class UserStore(IStoreWork work) : IUserStore
{
    private UserSql Sql => work.Dialect.Users;

    public async Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<UserRow>(
            Sql.FindByName, new { name }, transaction), cancellationToken);
        return row?.ToUser();
    }

    public Task<bool> InsertAsync(User user, NewApiKey? firstKey, CancellationToken cancellationToken) =>
        work.WriteAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(Sql.Insert,
                new { user.Id, user.Name, user.Plan, createdAt = work.Dialect.Time(user.CreatedAt) }, transaction);
            if (inserted == 1 && firstKey is not null) await InsertKeyAsync(connection, firstKey, transaction);
            return inserted == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await work.ReadAsync((connection, transaction) => connection.QueryAsync<UserRow>(Sql.List, transaction: transaction),
            cancellationToken);
        return rows.Select(r => r.ToUser()).ToList();
    }

    /// <summary>One row as either database returns it; the time is <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Plan { get; set; } = "";
        public object CreatedAt { get; set; } = "";
        public bool HasKey { get; set; }

        public User ToUser() => new(Id, Name, Plan, StoredTime.Read(CreatedAt), HasKey);
    }
}
