using Microsoft.Data.Sqlite;
using Strata.Relational;
using Strata.Relational.Sessions;

namespace Strata.Sqlite.Storage;

/// <summary>A session on one pooled SQLite connection. A commit that finds the database locked says <c>STORE_BUSY</c>;
/// a connection left inside a transaction is closed, not lent again.</summary>
/// <param name="writtenTo">The store a write session tells of its commit (for the checkpoint after bulk work); null for reads.</param>
internal sealed class SqliteSession(ConnectionLease lease, SqliteTransaction transaction, string userId, TimeProvider clock, TimeSpan busyTimeout,
    SqliteStrataStore? writtenTo)
    : StoreSession(new SqliteStoreScope(lease.Pooled, transaction, userId), clock, OwnStores(lease, transaction, userId))
{
    protected override Task CommitTransactionAsync(CancellationToken cancellationToken)
    {
        SqliteBusy.Translate(() => { transaction.Commit(); return true; }, busyTimeout);
        writtenTo?.WriteCommitted();
        return Task.CompletedTask;
    }

    /// <summary>A read session's connection goes back query-only, to be lent to read sessions only
    /// (<see cref="ConnectionPool.LeaseForRead"/>).</summary>
    protected override ValueTask ReleaseConnectionAsync() => lease.DisposeAsync();

    private static AdapterStores OwnStores(ConnectionLease lease, SqliteTransaction transaction, string userId)
    {
        var scope = new SqliteScope(lease.Pooled, transaction, userId);
        return new AdapterStores
        {
            Search = new SqliteEntityStore(scope),
        };
    }
}

/// <summary>What the SQLite stores not yet in the shared layer share: the pooled connection (for its prepared
/// statements), the transaction and the user every query is scoped by.</summary>
internal sealed record SqliteScope(PooledConnection Pooled, SqliteTransaction Transaction, string UserId)
{
    public SqliteConnection Connection => Pooled.Connection;

    /// <summary>The connection's prepared statement for this fixed SQL text, in this session's transaction.</summary>
    public SqliteCommand Statement(string sql) => Pooled.Statement(sql, Transaction);
}
