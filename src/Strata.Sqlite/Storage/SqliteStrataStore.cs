using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Maintenance;
using Strata.Core.Storage;
using Strata.Core.Users;
using Strata.Relational.CallSlots;

namespace Strata.Sqlite.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, migrated on open.</summary>
public sealed class SqliteStrataStore : IStrataStore, IDisposable
{
    private readonly ConnectionPool _pool;

    static SqliteStrataStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>How long a writer waits for another to let go of the database before <c>STORE_BUSY</c>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = new Core.Storage.WriteLimits().BusyTimeout;

    private SqliteStrataStore(string connectionString, TimeProvider clock, TimeSpan busyTimeout)
    {
        _pool = new ConnectionPool(connectionString, busyTimeout);
        BusyTimeout = busyTimeout;
        Users = new SqliteUserStore(this);
        Clock = clock;
        var ownTransaction = new OwnTransactionWork(this);
        Jobs = new SqliteJobQueue(ownTransaction, clock, sessionUserId: null);
        LlmCallSlots = new CallSlotStore(new SqliteOwnTransaction(ownTransaction), SqliteDialect.Instance);
        Maintenance = new SqliteMaintenanceStore(ownTransaction);
    }

    public IUserStore Users { get; }

    public IJobQueue Jobs { get; }

    public IMaintenanceStore Maintenance { get; }

    public ILlmCallSlots LlmCallSlots { get; }

    internal TimeProvider Clock { get; }

    internal TimeSpan BusyTimeout { get; }

    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating and migrating if needed) the database file.</summary>
    public static SqliteStrataStore Open(string databasePath, TimeProvider clock, TimeSpan? busyTimeout = null)
    {
        var store = Create(databasePath, clock, busyTimeout ?? DefaultBusyTimeout);
        using var lease = store.Lease();
        SqliteBusy.Translate(() =>
        {
            lease.Connection.Execute("PRAGMA journal_mode = WAL;");
            return Migrator.Apply(lease.Connection, clock);
        }, store.BusyTimeout);
        return store;
    }

    private static SqliteStrataStore Create(string databasePath, TimeProvider clock, TimeSpan busyTimeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // pooled by ConnectionPool, which keeps each connection's prepared statements too
            // The driver retries a locked statement until this many seconds have passed, on top of SQLite's own wait.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
        return new SqliteStrataStore(connectionString, clock, busyTimeout) { DatabasePath = databasePath };
    }

    public Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var lease = Lease();
        try
        {
            // Writers take the write lock up front (BEGIN IMMEDIATE): no deadlock upgrading a read lock later.
            var transaction = SqliteBusy.Translate(() => lease.Connection.BeginTransaction(deferred: !write), BusyTimeout);
            return Task.FromResult<IStoreSession>(new SqliteSession(lease, transaction, userId, Clock, BusyTimeout));
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Creates the file if needed and applies pending migrations; returns how many were applied.</summary>
    public static int Migrate(string databasePath, TimeProvider clock)
    {
        using var store = Create(databasePath, clock, DefaultBusyTimeout);
        using var lease = store.Lease();
        lease.Connection.Execute("PRAGMA journal_mode = WAL;");
        return Migrator.Apply(lease.Connection, clock);
    }

    /// <summary>A connection for work outside a session; dispose the lease to give it back.</summary>
    internal ConnectionLease Lease() => _pool.Lease();

    /// <summary>Closes the idle connections; a session still open closes its connection when it ends.</summary>
    public void Dispose() => _pool.Dispose();
}
