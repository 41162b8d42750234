using Microsoft.Data.Sqlite;

namespace Strata.Sqlite.Storage;

/// <summary>
/// An open connection that keeps the statements it has prepared. SQLite compiles a statement once and reruns it
/// with new values; compiling it again for every row costs more than the row itself on the hot paths.
/// </summary>
internal sealed class PooledConnection : IDisposable
{
    /// <summary>Only fixed SQL text is cached (queries built per call go through Dapper), so this bound is a safety net.</summary>
    private const int MaxStatements = 128;

    /// <summary>A hidden hook for disk-full tests: <c>STRATA_TEST_SQLITE_MAX_PAGES=N</c> caps the database at N pages
    /// (SQLite's <c>max_page_count</c>, which holds per connection), so a write past it fails with SQLITE_FULL as on a
    /// full disk. Unset, as always outside tests, it changes nothing.</summary>
    public const string MaxPagesVariable = "STRATA_TEST_SQLITE_MAX_PAGES";

    private static readonly long? MaxPages = long.TryParse(Environment.GetEnvironmentVariable(MaxPagesVariable),
        System.Globalization.CultureInfo.InvariantCulture, out var pages) ? pages : null;

    /// <summary>A hidden hook for memory-bound tests: <c>STRATA_TEST_SQLITE_CACHE_KB=N</c> sets the page cache to N KB
    /// instead of 32 MB, so a test can compare peaks of stores smaller than the cache it would otherwise fill. Unset, as
    /// always outside tests, it changes nothing.</summary>
    public const string CacheKbVariable = "STRATA_TEST_SQLITE_CACHE_KB";

    private static readonly long CacheKb = long.TryParse(Environment.GetEnvironmentVariable(CacheKbVariable),
        System.Globalization.CultureInfo.InvariantCulture, out var kb) && kb > 0 ? kb : 32768;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    private PooledConnection(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Whether SQLite's <c>query_only</c> is on: a read session's connection, for its whole life
    /// (<see cref="ConnectionPool.LeaseForRead"/>).</summary>
    public bool QueryOnly { get; private set; }

    /// <summary>Lent again only when open and with no transaction left behind by its last user.</summary>
    public bool Reusable =>
        Connection.State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0;

    /// <summary>Turns SQLite's <c>query_only</c> on (any write then fails with SQLITE_READONLY), once, outside a transaction.
    /// Never turned off again: setting the pragma expires every statement the connection has prepared, so a connection
    /// switched on and off around each read session (as until stop 55) prepared each statement it ran again, in every
    /// session — a seventh of a recall question's CPU.</summary>
    public void MakeQueryOnly()
    {
        Statement("PRAGMA query_only = 1", null).ExecuteNonQuery();
        QueryOnly = true;
    }

    public static PooledConnection Open(string connectionString, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteFunctions.Register(connection);
        using (var pragmas = connection.CreateCommand())
        {
            // Per-connection settings: set once for the connection's life, not again for every session. The page
            // cache (SQLite's default is 2 MB) holds the indexes that random ids land in. The rest is read through the
            // operating system's cache, not a memory map: a mapped file counts towards the process's resident size page
            // by page, which grew with the database (up to the map's size) and broke the bound on memory while
            // interpreting. Checkpoints run every 40 MB of WAL rather than 4 MB: a batch rewrites the same index pages,
            // which a later checkpoint copies (and fsyncs) once instead of after every batch; the WAL file is cut back
            // to 64 MB after a checkpoint.
            pragmas.CommandText = $"""
                PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -{CacheKb};
                PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;
                {(MaxPages is { } pages ? $"PRAGMA max_page_count = {pages};" : "")}
                """;
            pragmas.ExecuteNonQuery();
        }
        return new PooledConnection(connection);
    }

    /// <summary>The prepared statement for <paramref name="sql"/> (fixed text only), enlisted in <paramref name="transaction"/>.</summary>
    public SqliteCommand Statement(string sql, SqliteTransaction? transaction)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            if (_statements.Count < MaxStatements)
            {
                _statements[sql] = command;
            }
        }
        command.Transaction = transaction;
        return command;
    }

    private readonly Dictionary<string, SqlitePositionalStatement> _positional = new(StringComparer.Ordinal);

    /// <summary>How many statements built per call (<see cref="Built"/>) a connection keeps.</summary>
    internal const int MaxBuiltStatements = 48;

    private readonly Dictionary<string, SqliteCommand> _built = new(StringComparer.Ordinal);
    private readonly Queue<string> _builtOrder = new();

    /// <summary>The prepared statement for <paramref name="sql"/>, a text built per call from a few shapes (the entity
    /// search's tiers: their conditions and word counts), enlisted in <paramref name="transaction"/>. Kept apart from the
    /// fixed statements, the last <see cref="MaxBuiltStatements"/> texts used (the oldest is let go first), so that many
    /// shapes never take the fixed statements' places. Preparing these anew for every call was a tenth of a recall
    /// question's entity lookups (six words, two or three statements each).</summary>
    public SqliteCommand Built(string sql, SqliteTransaction? transaction)
    {
        if (!_built.TryGetValue(sql, out var command))
        {
            if (_built.Count >= MaxBuiltStatements && _built.Remove(_builtOrder.Dequeue(), out var oldest)) oldest.Dispose();
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _built[sql] = command;
            _builtOrder.Enqueue(sql);
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>The statement for <paramref name="sql"/> (fixed text only) bound by position, prepared once per
    /// connection; null past the bound of kept statements (the caller then goes through the driver).</summary>
    public SqlitePositionalStatement? Positional(string sql, string[] names)
    {
        if (_positional.TryGetValue(sql, out var statement)) return statement;
        if (_positional.Count >= MaxStatements) return null;
        return _positional[sql] = SqlitePositionalStatement.Prepare(Connection.Handle!, sql, names);
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }
        _statements.Clear();
        foreach (var command in _built.Values)
        {
            command.Dispose();
        }
        _built.Clear();
        // Finalized before the connection closes, which would otherwise leave the handle open for them.
        foreach (var statement in _positional.Values)
        {
            statement.Dispose();
        }
        _positional.Clear();
        Connection.Dispose();
    }
}
