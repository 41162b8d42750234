using System.Data.Common;

namespace Strata.Relational.Work;

/// <summary>
/// Where a store's SQL runs: inside a session's transaction (<see cref="SessionWork"/>), or in a short transaction of
/// its own per call (<see cref="OwnTransactionWork"/>). The job queue, maintenance and users run either way with the
/// same SQL.
/// </summary>
internal interface IStoreWork
{
    /// <summary>The SQL text and time encoding of the database this work runs on.</summary>
    SqlDialect Dialect { get; }

    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken);
}
