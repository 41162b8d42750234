using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>
/// A kept statement is only worth keeping if SQLite does not compile it again on its next run. Two things were found to
/// make it do so on every run: turning <c>query_only</c> on and off around read sessions (ConnectionPoolTests), and a bare
/// <c>LIMIT @n</c>, whose bound value the planner reads (the statement is then compiled again whenever it is bound anew).
/// </summary>
public sealed class StatementRecompileTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task A_page_bounded_by_expressions_is_compiled_once_where_a_bare_limit_parameter_is_compiled_on_every_run()
    {
        using var store = SqliteStrataStore.Open(_database.PathOf("strata.db"), TimeProvider.System);
        using var pool = new ConnectionPool(new SqliteConnectionStringBuilder { DataSource = _database.PathOf("strata.db"), Pooling = false }.ToString(),
            TimeSpan.FromSeconds(5));
        using var lease = pool.LeaseForWrite();
        using (var create = lease.Connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE numbers (n INTEGER PRIMARY KEY); INSERT INTO numbers (n) VALUES (1), (2), (3), (4), (5);";
            create.ExecuteNonQuery();
        }

        var (rows, recompiled) = await PagesAsync(lease.Pooled, $"SELECT n FROM numbers ORDER BY n DESC {SqliteEntityStore.PageLimit}");
        Assert.Equal([4L, 3L], rows);
        Assert.Equal(0, recompiled);
        // The same page with bare parameters: compiled again on each of the four runs (the first too: its values are bound
        // after it was prepared). Should SQLite stop doing so, this fails and the expressions are no longer needed.
        (rows, recompiled) = await PagesAsync(lease.Pooled, "SELECT n FROM numbers ORDER BY n DESC LIMIT @Limit OFFSET @Offset");
        Assert.Equal([4L, 3L], rows);
        Assert.Equal(4, recompiled);
    }

    /// <summary>Runs the statement four times (limit 2, offset 1), returns the last run's rows and how often it was compiled.</summary>
    private static async Task<(List<long> Rows, int Recompiled)> PagesAsync(PooledConnection connection, string sql)
    {
        var statement = (SqlitePositionalStatement)connection.Positional(sql, ["@Limit", "@Offset"])!;
        var rows = new List<long>();
        for (var run = 0; run < 4; run++)
        {
            rows.Clear();
            statement.Set(0, 2L);
            statement.Set(1, 1L);
            await using var reader = statement.Run();
            while (await reader.ReadAsync(CancellationToken.None)) rows.Add(reader.GetInt64(0));
        }
        return (rows, statement.Recompiled);
    }

    public void Dispose() => _database.Delete();
}
