using System.Data.Common;
using Strata.Relational.CallSlots;

namespace Strata.Sqlite.Storage;

/// <summary>The shared layer's own-transaction work on SQLite: an IMMEDIATE transaction, which also serialises writers.</summary>
internal sealed class SqliteOwnTransaction(OwnTransactionWork work) : IOwnTransaction
{
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> run, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => run(connection, transaction));
}
