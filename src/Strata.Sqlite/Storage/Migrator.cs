using Microsoft.Data.Sqlite;
using Strata.Relational.Migrations;

namespace Strata.Sqlite.Storage;

/// <summary>Applies the SQLite migrations embedded in this assembly (see <see cref="MigrationRunner"/>).</summary>
internal static class Migrator
{
    /// <summary>Synchronous for the synchronous open: Microsoft.Data.Sqlite completes every call before it returns, so
    /// waiting on the runner blocks on nothing but the work itself.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider clock) =>
        MigrationRunner.ApplyAsync(connection, SqliteDialect.Instance, typeof(Migrator).Assembly, clock, CancellationToken.None)
            .GetAwaiter().GetResult();
}
