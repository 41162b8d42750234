using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Strata.Bench.Structured;

/// <summary>
/// The fastest plain way to keep the same rows: one table, one prepared INSERT reused for every row, one
/// transaction per batch, on the same SQLite build and the same settings (WAL, synchronous NORMAL) Strata uses.
/// </summary>
public sealed class SqliteCeiling : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _id, _type, _name, _email, _company;

    public SqliteCeiling(string databasePath)
    {
        SQLitePCL.Batteries_V2.Init();
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Execute("CREATE TABLE contacts (id TEXT PRIMARY KEY, entity_type TEXT NOT NULL, name TEXT, email TEXT, company TEXT)");
        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO contacts (id, entity_type, name, email, company) VALUES ($id, $type, $name, $email, $company)";
        _id = _insert.Parameters.Add("$id", SqliteType.Text);
        _type = _insert.Parameters.Add("$type", SqliteType.Text);
        _name = _insert.Parameters.Add("$name", SqliteType.Text);
        _email = _insert.Parameters.Add("$email", SqliteType.Text);
        _company = _insert.Parameters.Add("$company", SqliteType.Text);
        _insert.Prepare();
    }

    public void WriteBatch(IReadOnlyList<JsonElement> entities)
    {
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        foreach (var entity in entities)
        {
            var email = entity.GetProperty("email").GetString()!;
            _id.Value = email;
            _type.Value = entity.GetProperty("entity_type").GetString();
            _name.Value = entity.GetProperty("name").GetString();
            _email.Value = email;
            _company.Value = entity.GetProperty("company").GetString();
            _insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public long Count()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM contacts";
        return (long)count.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}
