using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core.Jobs;
using Strata.Core.Maintenance;
using Strata.Core.Storage;
using Strata.Core.Users;

namespace Strata.Sqlite.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, migrated on open.</summary>
public sealed class SqliteStrataStore : IStrataStore, IDisposable
{
    private readonly ConnectionPool _pool;

    static SqliteStrataStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    private SqliteStrataStore(string connectionString, TimeProvider clock)
    {
        _pool = new ConnectionPool(connectionString);
        Users = new SqliteUserStore(this);
        Clock = clock;
        var ownTransaction = new OwnTransactionWork(this);
        Jobs = new SqliteJobQueue(ownTransaction, clock, sessionUserId: null);
        Maintenance = new SqliteMaintenanceStore(ownTransaction);
    }

    public IUserStore Users { get; }

    public IJobQueue Jobs { get; }

    public IMaintenanceStore Maintenance { get; }

    internal TimeProvider Clock { get; }

    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating and migrating if needed) the database file.</summary>
    public static SqliteStrataStore Open(string databasePath, TimeProvider clock)
    {
        var store = Create(databasePath, clock);
        using var lease = store.Lease();
        lease.Connection.Execute("PRAGMA journal_mode = WAL;");
        Migrator.Apply(lease.Connection, clock);
        return store;
    }

    private static SqliteStrataStore Create(string databasePath, TimeProvider clock)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // pooled by ConnectionPool, which keeps each connection's prepared statements too
            DefaultTimeout = 60,
        }.ToString();
        return new SqliteStrataStore(connectionString, clock) { DatabasePath = databasePath };
    }

    public Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var lease = Lease();
        try
        {
            // Writers take the write lock up front (BEGIN IMMEDIATE): no deadlock upgrading a read lock later.
            var transaction = lease.Connection.BeginTransaction(deferred: !write);
            return Task.FromResult<IStoreSession>(new SqliteSession(lease, transaction, userId, Clock));
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
        using var store = Create(databasePath, clock);
        using var lease = store.Lease();
        lease.Connection.Execute("PRAGMA journal_mode = WAL;");
        return Migrator.Apply(lease.Connection, clock);
    }

    /// <summary>A connection for work outside a session; dispose the lease to give it back.</summary>
    internal ConnectionLease Lease() => _pool.Lease();

    /// <summary>Closes the idle connections; a session still open closes its connection when it ends.</summary>
    public void Dispose() => _pool.Dispose();
}
