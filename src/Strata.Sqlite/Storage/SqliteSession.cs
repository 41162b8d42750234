using Microsoft.Data.Sqlite;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Jobs;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Sqlite.Storage;

/// <summary>One connection and one transaction, bound to one user; disposing without commit rolls back.</summary>
internal sealed class SqliteSession : IStoreSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private bool _committed;

    public SqliteSession(SqliteConnection connection, SqliteTransaction transaction, string userId, TimeProvider clock)
    {
        _connection = connection;
        _transaction = transaction;
        UserId = userId;
        var scope = new SqliteScope(connection, transaction, userId);
        Sources = new SqliteSourceStore(scope);
        Runs = new SqliteRunStore(scope);
        Entities = new SqliteEntityStore(scope);
        Observations = new SqliteObservationStore(scope);
        Schemas = new SqliteSchemaStore(scope);
        Jobs = new SqliteJobQueue(new SessionWork(scope), clock, userId);
        Usage = new SqliteUsageStore(scope);
        Duplicates = new SqliteDuplicateStore(scope);
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

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        _transaction.Commit();
        _committed = true;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            _transaction.Rollback();
        }
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>What every store in a session shares: the connection, the transaction and the user every query is scoped by.</summary>
internal sealed record SqliteScope(SqliteConnection Connection, SqliteTransaction Transaction, string UserId);
