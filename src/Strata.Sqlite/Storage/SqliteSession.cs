using Microsoft.Data.Sqlite;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Usage;
using Strata.Relational;
using Strata.Relational.Llm;
using Strata.Relational.Runs;

namespace Strata.Sqlite.Storage;

/// <summary>One connection and one transaction, bound to one user; disposing without commit rolls back.</summary>
internal sealed class SqliteSession : IStoreSession
{
    private readonly ConnectionLease _lease;
    private readonly SqliteTransaction _transaction;
    private readonly TimeSpan _busyTimeout;
    private bool _committed;

    public SqliteSession(ConnectionLease lease, SqliteTransaction transaction, string userId, TimeProvider clock, TimeSpan busyTimeout)
    {
        _busyTimeout = busyTimeout;
        _lease = lease;
        _transaction = transaction;
        UserId = userId;
        var scope = new SqliteScope(lease.Pooled, transaction, userId);
        Sources = new SqliteSourceStore(scope);
        var shared = new StoreScope(lease.Connection, transaction, userId, SqliteDialect.Instance);
        Runs = new RunStore(shared);
        LlmSettings = new LlmSettingsStore(shared);
        LlmUsage = new LlmUsageStore(shared);
        Entities = new SqliteEntityStore(scope);
        Observations = new SqliteObservationStore(scope);
        Schemas = new SqliteSchemaStore(scope);
        Jobs = new SqliteJobQueue(new SessionWork(scope), clock, userId);
        Usage = new SqliteUsageStore(scope);
        Duplicates = new SqliteDuplicateStore(scope);
        PendingBytes = new SqlitePendingBytesStore(scope);
    }

    public string UserId { get; }

    public ISourceStore Sources { get; }

    public IRunStore Runs { get; }

    public IEntityStore Entities { get; }

    public IObservationStore Observations { get; }

    public ISchemaStore Schemas { get; }

    public IJobQueue Jobs { get; }

    public IUsageStore Usage { get; }

    public IDuplicateStore Duplicates { get; }

    public IPendingBytesStore PendingBytes { get; }

    public ILlmSettingsStore LlmSettings { get; }

    public ILlmUsageStore LlmUsage { get; }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        SqliteBusy.Translate(() => { _transaction.Commit(); return true; }, _busyTimeout);
        _committed = true;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                _transaction.Rollback();
            }
            await _transaction.DisposeAsync();
        }
        finally
        {
            await _lease.DisposeAsync(); // a connection left inside a transaction is closed, not lent again
        }
    }
}

/// <summary>What every store in a session shares: the connection, the transaction and the user every query is scoped by.</summary>
internal sealed record SqliteScope(PooledConnection Pooled, SqliteTransaction Transaction, string UserId)
{
    public SqliteConnection Connection => Pooled.Connection;

    /// <summary>The connection's prepared statement for this fixed SQL text, in this session's transaction.</summary>
    public SqliteCommand Statement(string sql) => Pooled.Statement(sql, Transaction);
}
