using System.Data.Common;

namespace Strata.Relational;

/// <summary>
/// What every store in a session shares: the connection, the transaction, the user every query is scoped by, and the
/// dialect that supplies the SQL text. A store written against this runs unchanged on SQLite and PostgreSQL.
/// </summary>
internal class StoreScope(DbConnection connection, DbTransaction transaction, string userId, SqlDialect dialect)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public string UserId { get; } = userId;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>A time as this database stores it (a parameter value).</summary>
    public object Time(DateTimeOffset value) => Dialect.Time(value);

    /// <inheritdoc cref="Time(DateTimeOffset)"/>
    public object? Time(DateTimeOffset? value) => value is null ? null : Dialect.Time(value.Value);
}
