using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>The steps SQLite plans for a statement on a store migrated to the latest schema (EXPLAIN QUERY PLAN's details).</summary>
internal static class QueryPlans
{
    /// <summary>The plan of <paramref name="sql"/>, with each parameter it names bound to the value given for it.</summary>
    public static List<string> Of(SqliteDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        ((SqliteStrataStore)database.Open(TimeProvider.System)).Dispose(); // migrates the file
        using var connection = new SqliteConnection($"Data Source={database.PathOf("strata.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters.Where(p => sql.Contains(p.Name, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var steps = command.ExecuteReader();
        var detail = new List<string>();
        while (steps.Read()) detail.Add(steps.GetString(3));
        return detail;
    }
}
