using System.Data.Common;
using Strata.Relational.Work;

namespace Strata.Sqlite.Storage;

/// <summary>SQLite's work outside a session: a pooled connection, and a write that takes the write lock up front and
/// says <c>STORE_BUSY</c> when another writer kept it too long.</summary>
internal sealed class SqliteOwnTransactionWork(ConnectionPool pool, TimeSpan busyTimeout) : OwnTransactionWork(SqliteDialect.Instance)
{
    protected override Task<(DbConnection Connection, IAsyncDisposable Release)> OpenAsync(CancellationToken cancellationToken)
    {
        var lease = pool.Lease();
        return Task.FromResult<(DbConnection, IAsyncDisposable)>((lease.Connection, lease));
    }

    /// <summary>IMMEDIATE: in WAL mode a deferred read that later writes can fail with SQLITE_BUSY_SNAPSHOT instead of waiting.</summary>
    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override Task<T> GuardWriteAsync<T>(Func<Task<T>> write) => SqliteBusy.TranslateAsync(write, busyTimeout);
}
