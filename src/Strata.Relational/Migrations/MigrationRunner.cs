using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace Strata.Relational.Migrations;

/// <summary>Applies the numbered SQL migrations embedded in a database project (<c>Migrations/0001_name.sql</c>…), each
/// once, in order, each in its own transaction with its row in <c>schema_migrations</c>.</summary>
internal static class MigrationRunner
{
    /// <summary>Returns how many migrations were applied.</summary>
    /// <param name="baseline">When given, a new database gets the schema of the migrations it covers in one script
    /// (<see cref="MigrationBaseline"/>); null replays every migration.</param>
    public static async Task<int> ApplyAsync(DbConnection connection, SqlDialect dialect, Assembly migrations, TimeProvider clock,
        CancellationToken cancellationToken, MigrationBaseline? baseline = null)
    {
        var sql = dialect.Migrations;
        if (sql.Lock is not null) await connection.ExecuteAsync(sql.Lock);
        try
        {
            await connection.ExecuteAsync(sql.CreateTable);
            var applied = (await connection.QueryAsync<long>(sql.Applied)).ToHashSet();
            var count = 0;
            if (applied.Count == 0 && baseline is not null)
            {
                count = await ApplyBaselineAsync(connection, sql, baseline, migrations, dialect.Time(clock.GetUtcNow()), cancellationToken);
                applied = (await connection.QueryAsync<long>(sql.Applied)).ToHashSet();
            }
            foreach (var (version, name, resource) in Embedded(migrations))
            {
                // Opening a store that is up to date reads no migration's text: only its version, from the resource name.
                if (applied.Contains(version)) continue;
                var text = Text(migrations, resource);
                var keysOff = text.StartsWith(ForeignKeysOff, StringComparison.Ordinal) && sql.ForeignKeysOff is not null;
                if (keysOff) await connection.ExecuteAsync(sql.ForeignKeysOff!);
                try
                {
                    // On SQLite a plain BEGIN from ADO.NET is IMMEDIATE: the migration holds the write lock from its start.
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await connection.ExecuteAsync(text, transaction: transaction);
                    if (version == Relations.RelationTermBackfill.Version) await Relations.RelationTermBackfill.RunAsync(connection, transaction, dialect);
                    if (version == Entities.MemoryStateBackfill.Version) await Entities.MemoryStateBackfill.RunAsync(connection, transaction, dialect);
                    if (keysOff) await CheckForeignKeysAsync(connection, transaction, sql.ForeignKeyCheck!, name);
                    await connection.ExecuteAsync(sql.Record, new { version, name, at = dialect.Time(clock.GetUtcNow()) }, transaction);
                    await transaction.CommitAsync(cancellationToken);
                }
                finally
                {
                    if (keysOff) await connection.ExecuteAsync(sql.ForeignKeysOn!);
                }
                count++;
            }
            return count;
        }
        finally
        {
            if (sql.Unlock is not null) await connection.ExecuteAsync(sql.Unlock);
        }
    }

    /// <summary>The first line of a migration that rebuilds a table other tables reference (SQLite's documented way to
    /// change a column: a new table, the rows copied, the old one dropped, the new one renamed). Its connection's
    /// foreign-key checks are off while it runs (they cannot change inside a transaction), and every reference is checked
    /// before it commits: a row left naming nothing fails the migration, which then leaves the store as it was.</summary>
    public const string ForeignKeysOff = "-- migration: foreign keys off";

    private static async Task CheckForeignKeysAsync(DbConnection connection, DbTransaction transaction, string check, string name)
    {
        var broken = (await connection.QueryAsync(check, transaction: transaction)).Select(row => (object)row).ToList();
        if (broken.Count > 0)
        {
            throw new InvalidOperationException(
                $"Migration {name} would leave rows naming rows that are not there (first: {string.Join("; ", broken)}); it was not applied.");
        }
    }

    /// <summary>The baseline's script and a row for each migration it covers, in one transaction; nothing when the
    /// database, seen under the write lock, already holds something. Returns how many migrations it stands for.</summary>
    private static async Task<int> ApplyBaselineAsync(DbConnection connection, MigrationSql sql, MigrationBaseline baseline, Assembly migrations,
        object at, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(baseline.HoldsNothing, transaction: transaction) != 0) return 0;
        await connection.ExecuteAsync(baseline.Script, transaction: transaction);
        var covered = Embedded(migrations).Where(m => m.Version <= baseline.Through).ToList();
        foreach (var (version, name, _) in covered)
        {
            await connection.ExecuteAsync(sql.Record, new { version, name, at }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return covered.Count;
    }

    private static IEnumerable<(long Version, string Name, string Resource)> Embedded(Assembly assembly)
    {
        const string marker = ".Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
            var version = long.Parse(name[..name.IndexOf('_')], CultureInfo.InvariantCulture);
            yield return (version, name, resource);
        }
    }

    private static string Text(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
