using Microsoft.Data.Sqlite;
using Strata.Relational.Migrations;

namespace Strata.Sqlite.Storage;

/// <summary>Applies the SQLite migrations embedded in this assembly (see <see cref="MigrationRunner"/>).</summary>
internal static class Migrator
{
    /// <summary>Synchronous for the synchronous open: Microsoft.Data.Sqlite completes every call before it returns, so
    /// waiting on the runner blocks on nothing but the work itself. A new database gets the baseline schema
    /// (<see cref="SqliteBaseline"/>) unless <paramref name="replay"/> asks for every migration one by one.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider clock, bool replay = false) =>
        MigrationRunner.ApplyAsync(connection, SqliteDialect.Instance, typeof(Migrator).Assembly, clock, CancellationToken.None,
            replay ? null : SqliteBaseline.Current).GetAwaiter().GetResult();
}
