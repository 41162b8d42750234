using System.Data.Common;

namespace Strata.Relational.Work;

/// <summary>Work inside a session: it commits or rolls back with the rest of the session.</summary>
internal sealed class SessionWork(StoreScope scope) : IStoreWork
{
    public SqlDialect Dialect => scope.Dialect;

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        work(scope.Connection, scope.Transaction);

    public Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        work(scope.Connection, scope.Transaction);
}
