using System.Data.Common;
using System.Globalization;

namespace Strata.Storage.Compliance;

/// <summary>
/// One user's rows in every table of the database's own catalogue, read as the tables' owner (past row-level security),
/// each row as text. The tables are not listed here: a table a migration adds is read the day it lands, and one whose
/// rows cannot be told apart by user fails <see cref="ReadAsync"/> by name until this file says how.
/// </summary>
public static class UserRows
{
    /// <summary>Ordinary and virtual (full-text) tables of SQLite; the full-text index's own shadow tables are left out,
    /// since their rows follow how the index stores segments, not what it holds (the virtual table stands for them).</summary>
    public const string SqliteTables = """
        SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
        """;

    public const string PostgresTables = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        """;

    /// <summary>Tables that hold no user's data. Add one here only with the reason.</summary>
    private static readonly Dictionary<string, string> NoUserData = new(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "which migrations ran: the same for every user",
    };

    /// <summary>SQLite tables without a user column, and how a user's rows are found in them.</summary>
    private static readonly Dictionary<string, string> SqliteOwnedThrough = new(StringComparer.Ordinal)
    {
        // Contentless full-text indexes keyed by the entity's rowid: which of her entities are indexed is all they tell.
        ["entities_fts"] = "SELECT rowid FROM entities_fts WHERE rowid IN (SELECT rowid FROM entities WHERE user_row = (SELECT rowid FROM users WHERE id = @user))",
        ["entities_words"] = "SELECT rowid FROM entities_words WHERE rowid IN (SELECT rowid FROM entities WHERE user_row = (SELECT rowid FROM users WHERE id = @user))",
    };

    /// <summary>Every table's rows of the user's, sorted, keyed by table.</summary>
    public static async Task<SortedDictionary<string, List<string>>> ReadAsync(DbConnection connection, bool postgres, string userId)
    {
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await ColumnOfAsync(connection, postgres ? PostgresTables : SqliteTables))
        {
            if (NoUserData.ContainsKey(table)) continue;
            rows[table] = await QueryAsync(connection, await SelectAsync(connection, postgres, table), userId);
        }
        return rows;
    }

    /// <summary>The tables whose rows differ, each with its first rows that were gone and that appeared: what a failed
    /// "nothing changed" check says.</summary>
    public static List<string> Changes(SortedDictionary<string, List<string>> before, SortedDictionary<string, List<string>> after)
    {
        var changes = new List<string>();
        foreach (var table in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(table) ?? [];
            var now = after.GetValueOrDefault(table) ?? [];
            if (was.SequenceEqual(now)) continue;
            changes.Add($"{table}: {was.Count} row(s) before, {now.Count} after; gone: [{string.Join(" ; ", was.Except(now).Take(3))}]"
                + $" new: [{string.Join(" ; ", now.Except(was).Take(3))}]");
        }
        return changes;
    }

    private static async Task<string> SelectAsync(DbConnection connection, bool postgres, string table)
    {
        if (!postgres && SqliteOwnedThrough.TryGetValue(table, out var through)) return through;
        var owner = await OwnerAsync(connection, postgres, table);
        return postgres ? $"SELECT to_jsonb(t)::text FROM \"{table}\" t WHERE {owner}" : $"SELECT * FROM \"{table}\" WHERE {owner}";
    }

    /// <summary>Which rows of <paramref name="table"/> are the <c>@user</c>'s: by the user's id, or on SQLite by the user's
    /// rowid where the table keeps that instead.</summary>
    public static async Task<string> OwnerAsync(DbConnection connection, bool postgres, string table)
    {
        var columns = await ColumnOfAsync(connection, postgres
            ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT name FROM pragma_table_info('{table}')");
        return table == "users" ? "id = @user"
            : columns.Contains("user_id") ? "user_id = @user"
            : !postgres && columns.Contains("user_row") ? "user_row = (SELECT rowid FROM users WHERE id = @user)"
            : throw new InvalidOperationException($"Table {table} has no user_id column: say in {nameof(UserRows)} how one user's rows are found in it.");
    }

    /// <summary>A command of <paramref name="sql"/> with <paramref name="userId"/> as its <c>@user</c> parameter.</summary>
    public static DbCommand Command(DbConnection connection, string sql, string userId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "user";
        parameter.Value = userId;
        command.Parameters.Add(parameter);
        return command;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql, string userId)
    {
        await using var command = Command(connection, sql, userId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task<List<string>> ColumnOfAsync(DbConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
