using Microsoft.Data.Sqlite;
using SQLitePCL;
using Strata.Relational;

namespace Strata.Sqlite.Storage;

/// <summary>
/// A statement prepared on the connection's own handle whose values are bound by index. Microsoft.Data.Sqlite binds
/// every parameter of a command by name on every run (the name converted to UTF-8, then found by a scan of the
/// statement's names), which for a multi-row insert of hundreds of parameters cost more than the insert (wave s41); here
/// each name's index is looked up once, when the statement is prepared. Errors surface as the driver's
/// <see cref="SqliteException"/>, so callers see the same failures.
/// </summary>
internal sealed class SqlitePositionalStatement : IPositionalStatement, IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    /// <summary>The statement's index of each name it was made with; 0 where the text does not use the name.</summary>
    private readonly int[] _indexes;

    private SqlitePositionalStatement(sqlite3 db, sqlite3_stmt statement, int[] indexes)
    {
        _db = db;
        _statement = statement;
        _indexes = indexes;
    }

    public static SqlitePositionalStatement Prepare(sqlite3 db, string sql, string[] names)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        var indexes = new int[names.Length];
        for (var i = 0; i < names.Length; i++) indexes[i] = raw.sqlite3_bind_parameter_index(statement, names[i]);
        return new SqlitePositionalStatement(db, statement, indexes);
    }

    /// <summary>The types Microsoft.Data.Sqlite would bind the same way here (text, integers, reals, blobs, null).</summary>
    public bool Accepts(object? value) => value is null or DBNull or string or long or int or short or bool or double or byte[];

    public void Set(int name, object? value)
    {
        var index = _indexes[name];
        if (index == 0) return;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text(_statement, index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            short number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => throw new ArgumentException($"A value of type {value.GetType().Name} is not bound by position.", nameof(value)),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public RowBatchReader Run() => new Reader(this);

    /// <summary>How many times SQLite compiled the statement again since it was prepared (SQLITE_STMTSTATUS_REPREPARE): after
    /// the schema changed, or a setting expired the connection's statements.</summary>
    internal int Recompiled => raw.sqlite3_stmt_status(_statement, 5 /* SQLITE_STMTSTATUS_REPREPARE */, 0);

    public void Dispose() => _statement.Dispose();

    /// <summary>Steps the statement; disposed, it resets it for the next run (the values stay bound until replaced).</summary>
    private sealed class Reader(SqlitePositionalStatement owner) : RowBatchReader
    {
        private readonly sqlite3_stmt _statement = owner._statement;

        public override int FieldCount => raw.sqlite3_column_count(_statement);

        public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW) return ValueTask.FromResult(true);
            if (rc == raw.SQLITE_DONE) return ValueTask.FromResult(false);
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, owner._db);
            return ValueTask.FromResult(false);
        }

        public override string GetString(int ordinal) => raw.sqlite3_column_text(_statement, ordinal).utf8_to_string();

        public override long GetInt64(int ordinal) => raw.sqlite3_column_int64(_statement, ordinal);

        /// <summary>SQLite's own copy of the value, not copied again: valid until the statement steps or resets.</summary>
        public override ReadOnlySpan<byte> GetBlob(int ordinal) => raw.sqlite3_column_blob(_statement, ordinal);

        public override int RecordsAffected => raw.sqlite3_changes(owner._db);

        public override ValueTask DisposeAsync()
        {
            raw.sqlite3_reset(_statement);
            return ValueTask.CompletedTask;
        }
    }
}
