using Npgsql;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Usage;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Relational;
using Strata.Relational.Llm;
using Strata.Relational.Runs;

namespace Strata.Postgres.Storage;

/// <summary>One pooled connection and one transaction on behalf of one user; disposing without commit rolls back.</summary>
internal sealed class PostgresSession : IStoreSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _committed;

    public PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, TimeProvider clock)
    {
        _connection = connection;
        _transaction = transaction;
        UserId = userId;
        var scope = new PostgresScope(connection, transaction, userId);
        Sources = new PostgresSourceStore(scope);
        var shared = new StoreScope(connection, transaction, userId, PostgresDialect.Instance);
        Runs = new RunStore(shared);
        LlmSettings = new LlmSettingsStore(shared);
        LlmUsage = new LlmUsageStore(shared);
        Entities = new PostgresEntityStore(scope);
        Observations = new PostgresObservationStore(scope);
        Schemas = new PostgresSchemaStore(scope);
        Jobs = new PostgresJobQueue(new PostgresSessionWork(scope), clock, userId);
        Usage = new PostgresUsageStore(scope);
        Duplicates = new PostgresDuplicateStore(scope);
        PendingBytes = new PostgresPendingBytesStore(scope);
    }

    public IJobQueue Jobs { get; }

    public IUsageStore Usage { get; }

    public IDuplicateStore Duplicates { get; }

    public IPendingBytesStore PendingBytes { get; }

    public ILlmSettingsStore LlmSettings { get; }

    public ILlmUsageStore LlmUsage { get; }

    public string UserId { get; }

    public ISourceStore Sources { get; }

    public IRunStore Runs { get; }

    public IEntityStore Entities { get; }

    public IObservationStore Observations { get; }

    public ISchemaStore Schemas { get; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            try { await _transaction.RollbackAsync(); } catch (NpgsqlException) { /* the connection is going anyway */ }
        }
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

internal sealed record PostgresScope(NpgsqlConnection Connection, NpgsqlTransaction Transaction, string UserId);
