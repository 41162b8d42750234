using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// A new store gets its schema from <c>Schema/baseline.sql</c> in one script (<see cref="SqliteBaseline"/>) instead of
/// replaying every migration. The two must make the same database: the same tables, indexes, triggers and full-text
/// tables with the same SQL, the same full-text settings and the same migrations recorded. When a migration is added,
/// the first test fails until the file is regenerated (<c>STRATA_WRITE_BASELINE=1 dotnet test --filter SqliteBaselineTests</c>).
/// </summary>
public sealed class SqliteBaselineTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-baseline-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void The_shipped_baseline_is_what_replaying_every_migration_makes()
    {
        using var replayed = Migrated("replayed", replay: true);
        var latest = replayed.Query<long>("SELECT MAX(version) FROM schema_migrations").Single();
        var generated = SqliteBaseline.Generate(replayed, latest);
        var path = ShippedPath();
        if (Environment.GetEnvironmentVariable("STRATA_WRITE_BASELINE") == "1") File.WriteAllText(path, generated);
        var shipped = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(shipped == generated,
            $"{path} is not what the migrations through {latest} make: regenerate it with STRATA_WRITE_BASELINE=1 dotnet test tests/Strata.Sqlite.Tests --filter SqliteBaselineTests");
        Assert.Equal(latest, SqliteBaseline.Current!.Through);
    }

    [Fact]
    public void A_new_store_made_from_the_baseline_is_the_store_the_migrations_make()
    {
        using var replayed = Migrated("replayed", replay: true);
        using var fromBaseline = Migrated("baseline", replay: false);
        Same(Objects(replayed), Objects(fromBaseline));
        Same(Settings(replayed), Settings(fromBaseline));
        Same(Recorded(replayed), Recorded(fromBaseline));
        // Not an empty comparison: the schema has its tables, both full-text tables and their merge settings.
        Assert.Contains(Objects(fromBaseline), o => o.StartsWith("table|entities|", StringComparison.Ordinal));
        Assert.Contains(Settings(fromBaseline), s => s == "entities_words|automerge|2");
    }

    [Fact]
    public void A_database_that_already_holds_a_table_replays_the_migrations_instead_of_taking_the_baseline()
    {
        var path = Path.Combine(_directory, "older.db");
        Directory.CreateDirectory(_directory);
        using var connection = Open(path);
        connection.Execute("CREATE TABLE notes (text TEXT)");
        Migrator.Apply(connection, TimeProvider.System);
        Assert.Equal(1, connection.Query<long>("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'notes'").Single());
        using (var replayed = Migrated("replayed", replay: true)) Assert.Equal(Recorded(replayed), Recorded(connection));
        // Which path ran shows in one place: the replay's full-text table was renamed by migration 0012, and SQLite's
        // rename writes its shadow tables' names in double quotes, where a table made fresh by the baseline has single.
        Assert.Contains("\"entities_fts_config\"", connection.Query<string>("SELECT sql FROM sqlite_schema WHERE name = 'entities_fts_config'").Single(), StringComparison.Ordinal);
        using var fresh = Migrated("fresh", replay: false);
        Assert.Contains("'entities_fts_config'", fresh.Query<string>("SELECT sql FROM sqlite_schema WHERE name = 'entities_fts_config'").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_opened_together_on_one_new_file_all_open_and_it_holds_the_schema_once()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "together.db");
        for (var round = 0; round < 5; round++)
        {
            File.Delete(path);
            using var start = new Barrier(4);
            // Four openers at once, each on its own connection: one takes the write lock and gives the file the baseline,
            // the others wait for it, find the schema there and apply nothing.
            var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return SqliteStrataStore.Open(path, TimeProvider.System, TimeSpan.FromSeconds(30));
            })));
            foreach (var store in opened) store.Dispose();
            SqliteConnection.ClearAllPools();
            using var connection = Open(path);
            using var replayed = Migrated($"replayed-{round}", replay: true);
            Same(Recorded(replayed), Recorded(connection));
            Assert.Equal(1, connection.Query<long>("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'entities'").Single());
        }
    }

    /// <summary>Equal lists, or a failure naming what only one side holds.</summary>
    private static void Same(List<string> replayed, List<string> fromBaseline)
    {
        var onlyReplayed = replayed.Except(fromBaseline).ToList();
        var onlyBaseline = fromBaseline.Except(replayed).ToList();
        Assert.True(onlyReplayed.Count == 0 && onlyBaseline.Count == 0 && replayed.Count == fromBaseline.Count,
            $"only replayed: {string.Join("\n", onlyReplayed)}\nonly from the baseline: {string.Join("\n", onlyBaseline)}");
    }

    private SqliteConnection Migrated(string name, bool replay)
    {
        Directory.CreateDirectory(_directory);
        var connection = Open(Path.Combine(_directory, name + ".db"));
        Migrator.Apply(connection, TimeProvider.System, replay);
        return connection;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        connection.Execute("PRAGMA foreign_keys = ON");
        return connection;
    }

    /// <summary>Every object with its SQL. A full-text table's shadow tables are SQLite's own making: renamed by a
    /// migration (0012's entities_fts_lean became entities_fts), their SQL names them in double quotes, made fresh in
    /// single ones; the quotes are all that differs, so they are compared without them.</summary>
    private static List<string> Objects(SqliteConnection connection)
    {
        var shadowSuffixes = new[] { "_config", "_data", "_docsize", "_idx", "_content" };
        var fullText = connection.Query<string>("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").ToList();
        bool Shadow(string name) => fullText.Any(t => shadowSuffixes.Any(suffix => name == t + suffix));
        return connection.Query<(string Type, string Name, string Table, string? Sql)>("SELECT type, name, tbl_name, sql FROM sqlite_schema")
            .Select(o => $"{o.Type}|{o.Name}|{o.Table}|{(Shadow(o.Name) ? o.Sql?.Replace("'", "\"", StringComparison.Ordinal) : o.Sql)}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Settings(SqliteConnection connection) =>
        connection.Query<string>("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
            .SelectMany(table => connection.Query<(string Key, object Value)>($"SELECT k, v FROM \"{table}_config\"").Select(s => $"{table}|{s.Key}|{s.Value}"))
            .Order(StringComparer.Ordinal).ToList();

    private static List<string> Recorded(SqliteConnection connection) =>
        connection.Query<(long Version, string Name)>("SELECT version, name FROM schema_migrations ORDER BY version").Select(m => $"{m.Version} {m.Name}").ToList();

    private static string ShippedPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Strata.slnx"))) root = root.Parent;
        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Strata.slnx not found above the test's folder"),
            "src", "Strata.Sqlite", "Schema", "baseline.sql");
    }
}
