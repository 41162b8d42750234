using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Relational.Migrations;

namespace Strata.Sqlite.Storage;

/// <summary>
/// SQLite's <see cref="MigrationBaseline"/>: <c>Schema/baseline.sql</c>, the schema a new database gets in one script,
/// generated from a database that replayed every migration (<see cref="Generate"/>; <c>SqliteBaselineTests</c> fails
/// when it no longer matches and rewrites it with <c>STRATA_WRITE_BASELINE=1</c>). A migration added later is applied
/// on top of it as on any store, so the file only needs regenerating to keep a new store's open fast.
/// </summary>
internal static class SqliteBaseline
{
    private const string ThroughMarker = "-- through migration ";

    private const string Resource = "Strata.Sqlite.Schema.baseline.sql";

    private const string HoldsNothing = "SELECT COUNT(*) FROM sqlite_schema WHERE name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%'";

    private static readonly Lazy<MigrationBaseline?> Embedded = new(() =>
    {
        using var stream = typeof(SqliteBaseline).Assembly.GetManifestResourceStream(Resource);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        var line = script.Split('\n').FirstOrDefault(l => l.StartsWith(ThroughMarker, StringComparison.Ordinal));
        return line is null ? null : new MigrationBaseline(long.Parse(line[ThroughMarker.Length..].Trim(), CultureInfo.InvariantCulture), script, HoldsNothing);
    });

    /// <summary>The baseline shipped in this assembly (null if none is).</summary>
    public static MigrationBaseline? Current => Embedded.Value;

    /// <summary>The baseline script of the database <paramref name="connection"/> holds, migrated through
    /// <paramref name="through"/>: every table, index, trigger and virtual table in the order they were made (an object
    /// rebuilt by a later migration comes where its latest form was made), not the ones SQLite makes itself (its own
    /// tables, automatic indexes, the full-text tables' shadow tables), then the settings each full-text table was given.</summary>
    public static string Generate(SqliteConnection connection, long through)
    {
        var objects = connection.Query<(string Type, string Name, string Sql)>(
            "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").ToList();
        var fullText = objects.Where(o => o.Type == "table" && o.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)
            && o.Sql.Contains("USING fts5", StringComparison.OrdinalIgnoreCase)).Select(o => o.Name).ToList();
        var shadows = fullText.SelectMany(t => new[] { "_data", "_idx", "_config", "_docsize", "_content" }.Select(suffix => t + suffix)).ToHashSet(StringComparer.Ordinal);
        var script = new StringBuilder()
            .Append("-- The schema of a new SQLite store: what replaying every migration through the one below makes, in one script\n")
            .Append("-- (Strata.Sqlite.Storage.SqliteBaseline). Generated: do not edit; SqliteBaselineTests rewrites it with\n")
            .Append("-- STRATA_WRITE_BASELINE=1 and fails while it differs from the migrations' result.\n")
            .Append(ThroughMarker).Append(through.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (_, name, sql) in objects)
        {
            if (shadows.Contains(name)) continue;
            script.Append('\n').Append(sql.TrimEnd()).Append(";\n");
        }
        foreach (var table in fullText)
        {
            var settings = connection.Query<(string Key, object Value)>($"SELECT k, v FROM \"{table}_config\" WHERE k <> 'version' ORDER BY k");
            foreach (var (key, value) in settings)
            {
                var literal = value is string text ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'" : Convert.ToString(value, CultureInfo.InvariantCulture);
                script.Append('\n').Append($"INSERT INTO \"{table}\" (\"{table}\", rank) VALUES ('{key}', {literal});\n");
            }
        }
        return script.ToString();
    }
}
