using System.Data.Common;

namespace Strata.Relational;

/// <summary>
/// What every store in a session shares: the connection, the transaction, the user every query is scoped by, and the
/// dialect that supplies the SQL text. A store written against this runs unchanged on SQLite and PostgreSQL.
/// </summary>
internal class StoreScope(DbConnection connection, DbTransaction transaction, string userId, SqlDialect dialect)
{
    /// <summary>Statements of this session by SQL text; a session writes a batch with the same few statements.</summary>
    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public string UserId { get; } = userId;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>A time as this database stores it (a parameter value).</summary>
    public object Time(DateTimeOffset value) => Dialect.Time(value);

    /// <inheritdoc cref="Time(DateTimeOffset)"/>
    public object? Time(DateTimeOffset? value) => value is null ? null : Dialect.Time(value.Value);

    /// <summary>A time of a lean row (an entity's, an observation's) as this database stores it: microseconds since the
    /// epoch on SQLite (<see cref="SqlDialect.LeanTime"/>), as <see cref="Time(DateTimeOffset)"/> elsewhere.</summary>
    public object LeanTime(DateTimeOffset value) => Dialect.LeanTime(value);

    /// <inheritdoc cref="LeanTime(DateTimeOffset)"/>
    public object? LeanTime(DateTimeOffset? value) => value is null ? null : Dialect.LeanTime(value.Value);

    /// <summary>
    /// A reusable command for fixed SQL text, in this session's transaction, for the hot paths that run one statement
    /// per row: parameters are bound by name (<see cref="StatementParameters.Bind"/>) and only their values change
    /// from row to row. The caller must not dispose it. A database that prepares statements per connection overrides
    /// this to hand out the connection's prepared one.
    /// </summary>
    public virtual DbCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = Transaction;
            _statements[sql] = command;
        }
        return command;
    }

    /// <summary>Disposes the commands <see cref="Statement"/> made for this session (when the session ends): a command left
    /// undisposed is kept alive for the finalizer thread to release.</summary>
    public void DisposeStatements()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
    }

    /// <summary>The rowid the connection's last insert was given, where the database has one that other tables refer
    /// to (SQLite's full-text index); null elsewhere.</summary>
    public virtual long? LastInsertedRowId => null;

    /// <summary>The prepared statement for <paramref name="sql"/> (fixed text) with its parameters bound by position, the
    /// parameter named <c>names[i]</c> at <c>positions[i]</c>, where the driver binds every parameter by name otherwise
    /// (<see cref="RowBatch"/>); null where the driver's own binding is used.</summary>
    public virtual IPositionalStatement? Positional(string sql, string[] names) => null;
}
