using Dapper;
using Npgsql;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Maintenance;
using Strata.Core.Storage;
using Strata.Core.Users;
using Strata.Relational.CallSlots;

namespace Strata.Postgres.Storage;

/// <summary>The scale-out backend: the same ports over PostgreSQL, many processes on one database.</summary>
public sealed class PostgresStrataStore : IStrataStore, IAsyncDisposable
{
    private PostgresStrataStore(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        DataSource = dataSource;
        Users = new PostgresUserStore(dataSource);
        var ownTransaction = new PostgresOwnTransactionWork(dataSource);
        Jobs = new PostgresJobQueue(ownTransaction, clock, sessionUserId: null);
        LlmCallSlots = new CallSlotStore(new PostgresOwnTransaction(ownTransaction), PostgresDialect.Instance);
        Maintenance = new PostgresMaintenanceStore(ownTransaction);
        Clock = clock;
    }

    public IUserStore Users { get; }

    public IJobQueue Jobs { get; }

    public IMaintenanceStore Maintenance { get; }

    public ILlmCallSlots LlmCallSlots { get; }

    internal TimeProvider Clock { get; }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>Connects (pooled), applies pending migrations, and returns the store.</summary>
    public static async Task<PostgresStrataStore> OpenAsync(string urlOrConnectionString, TimeProvider clock, CancellationToken cancellationToken, bool migrate = true)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.From(urlOrConnectionString));
        if (migrate)
        {
            await MigrateAsync(dataSource, cancellationToken);
        }
        return new PostgresStrataStore(dataSource, clock);
    }

    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresMigrator.ApplyAsync(connection, cancellationToken);
    }

    public async Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await OpenScopedAsync(userId, cancellationToken);
        return new PostgresSession(connection, transaction, userId, Clock);
    }

    /// <summary>A connection in a transaction as strata_app on behalf of one user: what every session runs on.</summary>
    internal async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> OpenScopedAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Row-level security sees the user through this setting, and applies because strata_app does not own the tables.
            await connection.ExecuteAsync("SELECT set_config('strata.user_id', @userId, true); SET LOCAL ROLE strata_app;",
                new { userId }, transaction);
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
