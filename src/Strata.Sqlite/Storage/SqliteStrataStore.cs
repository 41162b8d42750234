using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core.Jobs;
using Strata.Core.Maintenance;
using Strata.Core.Storage;
using Strata.Core.Users;

namespace Strata.Sqlite.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, migrated on open.</summary>
public sealed class SqliteStrataStore : IStrataStore
{
    private readonly string _connectionString;

    static SqliteStrataStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    private SqliteStrataStore(string connectionString, TimeProvider clock)
    {
        _connectionString = connectionString;
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
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        var store = new SqliteStrataStore(connectionString, clock) { DatabasePath = databasePath };
        using var connection = store.OpenConnection();
        connection.Execute("PRAGMA journal_mode = WAL;");
        Migrator.Apply(connection, clock);
        return store;
    }

    public async Task<IStoreSession> OpenAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        try
        {
            // Writers take the write lock up front (BEGIN IMMEDIATE): no deadlock upgrading a read lock later.
            var transaction = connection.BeginTransaction(deferred: !write);
            return await Task.FromResult<IStoreSession>(new SqliteSession(connection, transaction, userId, Clock));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }
}
