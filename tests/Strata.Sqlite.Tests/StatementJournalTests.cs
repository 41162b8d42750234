using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// A statement that changes tens of megabytes of existing pages inside a transaction (a migration's rebuild, a bulk
/// update) completes in a process that runs Strata's store. With SQLite's statement journal held in memory up to 8 MiB
/// (the SQLITE_CONFIG_STMTJRNL_SPILL the store once set for the whole process), such a statement failed with
/// SQLITE_FULL ('database or disk is full') on a disk with room to spare.
/// </summary>
public sealed class StatementJournalTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public void An_update_of_every_row_of_a_40_MB_table_inside_a_transaction_commits()
    {
        // Opening a store runs its process-wide SQLite set-up first, as in every Strata process.
        using (var store = (SqliteStrataStore)_database.Open(TimeProvider.System)) { }
        var path = _database.PathOf("journal.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
            INSERT INTO rows (id, body) SELECT i, printf('%.400c', 'x') FROM n;
            """);

        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "UPDATE rows SET body = body || 'y'", transaction);
            Execute(connection, "CREATE INDEX rows_by_body ON rows (body)", transaction);
            transaction.Commit();
        }

        using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM rows WHERE body LIKE '%y'";
        Assert.Equal(100000L, (long)check.ExecuteScalar()!);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _database.Delete();
}
