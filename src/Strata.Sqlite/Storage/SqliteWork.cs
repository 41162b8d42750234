using Microsoft.Data.Sqlite;

namespace Strata.Sqlite.Storage;

/// <summary>Where a store's SQL runs: inside a session's transaction, or in a short transaction of its own per call.
/// The job queue runs either way with the same SQL.</summary>
internal interface ISqliteWork
{
    Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work);

    Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction?, Task<T>> work);
}

internal sealed class SessionWork(SqliteScope scope) : ISqliteWork
{
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work) => work(scope.Connection, scope.Transaction);

    public Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction?, Task<T>> work) => work(scope.Connection, scope.Transaction);
}

internal sealed class OwnTransactionWork(SqliteStrataStore store) : ISqliteWork
{
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        await using var lease = store.Lease();
        var connection = lease.Connection;
        // IMMEDIATE: in WAL mode a deferred read that later writes can fail with SQLITE_BUSY_SNAPSHOT instead of waiting.
        await using var transaction = SqliteBusy.Translate(() => connection.BeginTransaction(deferred: false), store.BusyTimeout);
        var result = await work(connection, transaction);
        transaction.Commit();
        return result;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction?, Task<T>> work)
    {
        await using var lease = store.Lease();
        return await work(lease.Connection, null);
    }
}
