using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Strata.Sqlite.Storage;

/// <summary>Applies the numbered SQL migrations embedded in this assembly, each once, each in its own transaction.</summary>
internal static class Migrator
{
    public static int Apply(SqliteConnection connection, TimeProvider clock)
    {
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL)
            """);
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        var count = 0;
        foreach (var (version, name, sql) in Embedded())
        {
            if (applied.Contains(version)) continue;
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = SqliteTime.Write(clock.GetUtcNow()) }, transaction);
            transaction.Commit();
            count++;
        }
        return count;
    }

    private static IEnumerable<(long Version, string Name, string Sql)> Embedded()
    {
        var assembly = typeof(Migrator).Assembly;
        const string marker = ".Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
            var version = long.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
