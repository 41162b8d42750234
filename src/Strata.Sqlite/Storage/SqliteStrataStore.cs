using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core.Storage;
using Strata.Relational;

namespace Strata.Sqlite.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, migrated on open.</summary>
public sealed class SqliteStrataStore : RelationalStrataStore, IDisposable
{
    private readonly ConnectionPool _pool;
    private readonly ITimer _quietCheckpoint;
    private bool _disposed;

    /// <summary>How long a store goes without a committed write before bulk work counts as over.</summary>
    public static readonly TimeSpan QuietAfterWrites = TimeSpan.FromSeconds(2);

    /// <summary>WAL size beyond which a quiet store checkpoints and truncates it; a few small writes are left to the
    /// automatic checkpoint (a truncating checkpoint syncs the database file, which is not free).</summary>
    public const long BulkWalBytes = 1L << 20;

    static SqliteStrataStore()
    {
        SQLitePCL.Batteries_V2.Init();
        // SQLite's statement journals keep their default, spilling to a temporary file past 64 KiB. Holding them in
        // memory up to 8 MiB (SQLITE_CONFIG_STMTJRNL_SPILL, stop s22) saved a write call ~550 KB of temporary-file
        // writes, but with any spill threshold of 1 MiB or more a statement whose journal outgrew it inside a transaction
        // failed with SQLITE_FULL on a disk with room to spare (an UPDATE of 100,000 entity rows; migration 0430's
        // CREATE INDEX after its rebuild of a 100,000-entity table): StatementJournalTests.
    }

    /// <summary>How long a writer waits for another to let go of the database before <c>STORE_BUSY</c>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = new Core.Storage.WriteLimits().BusyTimeout;

    private SqliteStrataStore(ConnectionPool pool, TimeProvider clock, TimeSpan busyTimeout)
        : base(new SqliteOwnTransactionWork(pool, busyTimeout), clock)
    {
        _pool = pool;
        BusyTimeout = busyTimeout;
        _quietCheckpoint = clock.CreateTimer(_ => CheckpointAfterBulkWork(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    internal TimeSpan BusyTimeout { get; }

    /// <summary>The store's connections, for tests that look at what a connection holds.</summary>
    internal ConnectionPool Pool => _pool;

    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating and migrating if needed) the database file.</summary>
    public static SqliteStrataStore Open(string databasePath, TimeProvider clock, TimeSpan? busyTimeout = null)
    {
        var store = Create(databasePath, clock, busyTimeout ?? DefaultBusyTimeout);
        using var lease = store.Lease();
        SqliteBusy.Translate(() =>
        {
            lease.Connection.Execute("PRAGMA journal_mode = WAL;");
            var applied = Migrator.Apply(lease.Connection, clock);
            // Migrating is bulk work (over 1 MB of WAL for a new file, one commit per migration): folded into the
            // database now rather than left for the first quiet period after a write.
            if (applied > 0) lease.Connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            return applied;
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
        return new SqliteStrataStore(new ConnectionPool(connectionString, busyTimeout), clock, busyTimeout) { DatabasePath = databasePath };
    }

    private protected override Task<IStoreSession> BeginAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        // A read session's connection refuses writes (query_only, for the connection's life).
        var lease = write ? _pool.LeaseForWrite() : _pool.LeaseForRead();
        try
        {
            // Writers take the write lock up front (BEGIN IMMEDIATE): no deadlock upgrading a read lock later.
            var transaction = SqliteBusy.Translate(() => lease.Connection.BeginTransaction(deferred: !write), BusyTimeout);
            return Task.FromResult<IStoreSession>(new SqliteSession(lease, transaction, userId, Clock, BusyTimeout, write ? this : null, write ? null : _pool));
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

    /// <summary>Copies the WAL into the database and cuts it to zero bytes, so a store left at rest is one file of
    /// the size its data needs (a bulk write leaves tens of MB of WAL behind otherwise, until the next writer).
    /// A reader or writer still busy makes it do what it can and leave the rest to the next checkpoint.</summary>
    public void Checkpoint()
    {
        using var lease = Lease();
        try
        {
            lease.Connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            // Someone else holds the database: their last close (or the next checkpoint) finishes the job.
        }
        catch (SqliteException failure)
        {
            // A full disk (or any write error) while copying the WAL: the WAL stays valid and the next open or
            // checkpoint folds it in. Housekeeping at close must never turn a finished command into a crash (it was
            // an unhandled exception and exit 134 on a full disk): said on stderr, not thrown.
            Console.Error.WriteLine($"warning: the database's write-ahead log was not folded into it ({failure.Message.TrimEnd('.')}); " +
                "nothing is lost, and the next command retries.");
        }
    }

    /// <summary>Called after each committed write session: (re)starts the wait for a quiet store.</summary>
    internal void WriteCommitted()
    {
        if (!_disposed) _quietCheckpoint.Change(QuietAfterWrites, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Bulk work (an import, an interpretation, a burst of agent writes) leaves up to the journal size limit
    /// (64 MB) of WAL behind in a process that keeps running (serve, mcp, worker): once writes have stopped for
    /// <see cref="QuietAfterWrites"/>, a WAL above <see cref="BulkWalBytes"/> is folded into the database and cut to
    /// zero, as a clean close does.</summary>
    internal void CheckpointAfterBulkWork()
    {
        if (_disposed) return;
        var wal = new FileInfo(DatabasePath + "-wal");
        if (!wal.Exists || wal.Length <= BulkWalBytes) return;
        try
        {
            Checkpoint();
        }
        catch (ObjectDisposedException)
        {
            // Closed while the timer fired: the close checkpointed.
        }
    }

    /// <summary>Checkpoints and truncates the WAL, then closes the idle connections; a session still open closes its
    /// connection when it ends.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _quietCheckpoint.Dispose();
        Checkpoint();
        _pool.Dispose();
    }
}
