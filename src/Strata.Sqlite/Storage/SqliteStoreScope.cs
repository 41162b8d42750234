using System.Data.Common;
using Microsoft.Data.Sqlite;
using Strata.Relational;

namespace Strata.Sqlite.Storage;

/// <summary>The shared stores' scope on SQLite: statements come from the connection's cache of prepared ones, which
/// outlives the session (compiling a statement again for every row costs more than the row itself).</summary>
internal sealed class SqliteStoreScope(PooledConnection pooled, SqliteTransaction transaction, string userId)
    : StoreScope(pooled.Connection, transaction, userId, SqliteDialect.Instance)
{
    public override DbCommand Statement(string sql) => pooled.Statement(sql, transaction);

    /// <summary>The connection's last inserted rowid: cheaper than RETURNING, which buffers its rows in a temporary table.</summary>
    public override long? LastInsertedRowId => SQLitePCL.raw.sqlite3_last_insert_rowid(pooled.Connection.Handle);

    public override IPositionalStatement? Positional(string sql, string[] names) => pooled.Positional(sql, names);
}
