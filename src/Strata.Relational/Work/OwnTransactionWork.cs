using System.Data.Common;

namespace Strata.Relational.Work;

/// <summary>
/// Work outside any session, each call on a connection of its own and each write in a short transaction of its own.
/// The adapter says where the connection comes from (on PostgreSQL it acts as the connecting role, not as strata_app:
/// workers, maintenance and credential checks act across users), how a write transaction begins, and what a write
/// that cannot get the database turns into.
/// </summary>
internal abstract class OwnTransactionWork(SqlDialect dialect) : IStoreWork
{
    public SqlDialect Dialect => dialect;

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        GuardWriteAsync(async () =>
        {
            var (connection, release) = await OpenAsync(cancellationToken);
            await using (release)
            {
                await using var transaction = await BeginWriteAsync(connection, cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
        });

    public async Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        var (connection, release) = await OpenAsync(cancellationToken);
        await using (release)
        {
            return await work(connection, null);
        }
    }

    /// <summary>An open connection, and what gives it back.</summary>
    protected abstract Task<(DbConnection Connection, IAsyncDisposable Release)> OpenAsync(CancellationToken cancellationToken);

    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs a whole write; an adapter may translate its driver's errors here.</summary>
    protected virtual Task<T> GuardWriteAsync<T>(Func<Task<T>> write) => write();
}
