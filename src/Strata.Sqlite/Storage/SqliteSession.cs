using Microsoft.Data.Sqlite;
using SQLitePCL;
using Strata.Relational;
using Strata.Relational.Sessions;

namespace Strata.Sqlite.Storage;

/// <summary>A session on one pooled SQLite connection. A commit that finds the database locked says <c>STORE_BUSY</c>;
/// a connection left inside a transaction is closed, not lent again.</summary>
/// <param name="writtenTo">The store a write session tells of its commit (for the checkpoint after bulk work); null for reads.</param>
/// <param name="readers">The pool a read session leases its siblings from (<see cref="OpenSiblingAsync"/>); null for writes.</param>
internal sealed class SqliteSession(ConnectionLease lease, SqliteTransaction transaction, string userId, TimeProvider clock, TimeSpan busyTimeout,
    SqliteStrataStore? writtenTo, ConnectionPool? readers = null)
    : StoreSession(new SqliteStoreScope(lease.Pooled, transaction, userId), clock, OwnStores(lease, transaction, userId))
{
    private readonly TimeProvider _clock = clock;

    /// <summary>A read session on another of the pool's read connections that sees what this one sees. This session's
    /// read transaction is begun first (if no statement has read yet); the sibling's is begun without waiting on a lock
    /// (refused at once when busy). Where the WAL holds commits, the sibling is opened
    /// on this session's snapshot of it (<c>sqlite3_snapshot_get</c> here, <c>sqlite3_snapshot_open</c> there). An empty
    /// WAL (after a checkpoint) has no snapshot to give; but while this session reads, no checkpoint can empty the WAL
    /// again, so a WAL still empty once the sibling's read has begun means nothing was committed in between, and both read
    /// the database file as it is. A commit in between leaves the sibling unopened. Null for a write session, and whenever
    /// the two cannot be promised the same view: the caller then reads on this session.</summary>
    public override Task<Strata.Core.Storage.IStoreReader?> OpenSiblingAsync(CancellationToken cancellationToken)
    {
        if (readers is null) return Task.FromResult<Strata.Core.Storage.IStoreReader?>(null);
        SqliteTransaction? siblingTransaction = null;
        ConnectionLease? sibling = null;
        try
        {
            lease.Pooled.Statement("PRAGMA schema_version", transaction).ExecuteScalar(); // this session's read begins
            var found = raw.sqlite3_snapshot_get(lease.Connection.Handle, "main", out var snapshot) == raw.SQLITE_OK;
            using (snapshot)
            {
                sibling = readers.LeaseForRead();
                siblingTransaction = sibling.Connection.BeginTransaction(deferred: true);
                // The sibling's read must not wait: a checkpoint that waits for this session to end holds the locks a new
                // reader takes, and this session waits for its sibling — each would wait out the busy timeout.
                var handle = sibling.Connection.Handle;
                bool same;
                raw.sqlite3_busy_timeout(handle, 0);
                try
                {
                    same = found
                        ? raw.sqlite3_snapshot_open(handle, "main", snapshot) == raw.SQLITE_OK
                        : raw.sqlite3_exec(handle, "PRAGMA schema_version") == raw.SQLITE_OK && !HasSnapshot(sibling);
                }
                finally
                {
                    raw.sqlite3_busy_timeout(handle, (int)busyTimeout.TotalMilliseconds);
                }
                if (same)
                {
                    return Task.FromResult<Strata.Core.Storage.IStoreReader?>(
                        new SqliteSession(sibling, siblingTransaction, Scope.UserId, _clock, busyTimeout, writtenTo: null, readers));
                }
            }
        }
        catch (SqliteException)
        {
            // Refused (busy, or the snapshot is gone): the caller reads on this session instead.
        }
        siblingTransaction?.Dispose();
        sibling?.Dispose();
        return Task.FromResult<Strata.Core.Storage.IStoreReader?>(null);
    }

    /// <summary>Whether SQLite gives a snapshot of what the connection reads: not when the WAL is empty.</summary>
    private static bool HasSnapshot(ConnectionLease connection)
    {
        var given = raw.sqlite3_snapshot_get(connection.Connection.Handle, "main", out var snapshot) == raw.SQLITE_OK;
        snapshot?.Dispose();
        return given;
    }

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
