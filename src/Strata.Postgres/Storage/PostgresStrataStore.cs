using Dapper;
using Npgsql;
using Strata.Core.Storage;
using Strata.Relational;
using Strata.Relational.Migrations;

namespace Strata.Postgres.Storage;

/// <summary>The scale-out backend: the same ports over PostgreSQL, many processes on one database.</summary>
public sealed class PostgresStrataStore : RelationalStrataStore, IAsyncDisposable
{
    /// <summary>Users, jobs and maintenance act as the connecting role, not strata_app: they act across users.</summary>
    private PostgresStrataStore(NpgsqlDataSource dataSource, TimeProvider clock, TimeSpan lockTimeout)
        : base(new PostgresOwnTransactionWork(dataSource), clock)
    {
        DataSource = dataSource;
        _lockTimeout = ((long)Math.Ceiling(lockTimeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";
    }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>How long a session's statement waits for a lock another writer holds (PostgreSQL's <c>lock_timeout</c>)
    /// before it fails with SQLSTATE 55P03, which <see cref="Core.Errors.StoreBusy"/> says as <c>STORE_BUSY</c>.</summary>
    private readonly string _lockTimeout;

    /// <summary>Connects (pooled), applies pending migrations, and returns the store.</summary>
    /// <param name="lockTimeout">How long a session waits for another writer's lock before <c>STORE_BUSY</c> (default
    /// <see cref="Core.Storage.WriteLimits.BusyTimeout"/>, as SQLite's busy timeout). Migrations are not bound by it: a
    /// process starting while another migrates waits for it.</param>
    public static async Task<PostgresStrataStore> OpenAsync(string urlOrConnectionString, TimeProvider clock, CancellationToken cancellationToken,
        bool migrate = true, TimeSpan? lockTimeout = null)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.From(urlOrConnectionString));
        if (migrate)
        {
            await MigrateAsync(dataSource, cancellationToken);
        }
        return new PostgresStrataStore(dataSource, clock, lockTimeout ?? new Core.Storage.WriteLimits().BusyTimeout);
    }

    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Under an advisory lock (the dialect's), so that several processes starting together migrate once.
        return await MigrationRunner.ApplyAsync(connection, PostgresDialect.Instance, typeof(PostgresStrataStore).Assembly, TimeProvider.System,
            cancellationToken);
    }

    private protected override async Task<IStoreSession> BeginAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await OpenScopedAsync(userId, cancellationToken, readOnly: !write);
        return new PostgresSession(connection, transaction, userId, Clock);
    }

    /// <summary>Every statement of the session sees the moment of its first: an export's tables agree with each other.</summary>
    public override async Task<IStoreReader> OpenSnapshotAsync(string userId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await OpenScopedAsync(userId, cancellationToken, System.Data.IsolationLevel.RepeatableRead, readOnly: true);
        return new PostgresSession(connection, transaction, userId, Clock);
    }

    /// <summary>A connection in a transaction as strata_app on behalf of one user: what every session runs on. A
    /// <paramref name="readOnly"/> one is READ ONLY, so a write reached through a read session fails in the database.</summary>
    internal async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> OpenScopedAsync(string userId, CancellationToken cancellationToken,
        System.Data.IsolationLevel isolation = System.Data.IsolationLevel.ReadCommitted, bool readOnly = false)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            // Row-level security sees the user through this setting, and applies because strata_app does not own the tables.
            // Without a lock timeout a writer behind another's lock waited without bound (set in the same round trip).
            // SET TRANSACTION must come before the transaction's first query.
            await connection.ExecuteAsync((readOnly ? "SET TRANSACTION READ ONLY; " : "") +
                "SELECT set_config('strata.user_id', @userId, true), set_config('lock_timeout', @lockTimeout, true); SET LOCAL ROLE strata_app;",
                new { userId, lockTimeout = _lockTimeout }, transaction);
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
