using System.Data.Common;
using Strata.Relational.CallSlots;

namespace Strata.Postgres.Storage;

/// <summary>The shared layer's own-transaction work on PostgreSQL: a short transaction as the connecting role.</summary>
internal sealed class PostgresOwnTransaction(PostgresOwnTransactionWork work) : IOwnTransaction
{
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> run, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => run(connection, transaction));
}
