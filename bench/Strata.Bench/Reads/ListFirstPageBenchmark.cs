using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Strata.Bench.Harness;
using Strata.Core;

namespace Strata.Bench.Reads;

/// <summary>
/// The first page of <c>retrieve_entities</c> without a query (the entity list), at 1,000 entities and at a large store
/// (<c>--list-entities=N</c>, 1,000,000 for the goal): a list pages by cursor and counts nothing unless asked, so its first
/// page should cost the same at both sizes. The rows are written straight into the database file (the point is the
/// list, not the write), in groups of 1,000 sharing one time, as batched structured writes leave them.
/// </summary>
public sealed class ListFirstPageBenchmark(int? entities = null) : IBenchmark
{
    public const double GoalP95Ms = 20.0;

    private const int SmallStore = 1_000;

    public string Name => "list";

    public string Description => "first page of the entity list at 1,000 entities and at 200,000 (--list-entities=N; the goal is at 1,000,000)";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var large = entities ?? settings.Pick(200_000, 5_000);
        var calls = settings.Pick(500, 50);
        using var workspace = new Workspace("list");
        var small = await SeedAsync(workspace.Folder("small"), SmallStore, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var big = await SeedAsync(workspace.Folder("large"), large, cancellationToken);
        Console.WriteLine($"   seeded {large:N0} entities in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");

        var smallFirst = await TimeFirstPagesAsync(small, calls, cancellationToken);
        var largeFirst = await TimeFirstPagesAsync(big, calls, cancellationToken);
        var deep = await TimePageAfterAsync(big, pagesIn: 100, calls, cancellationToken);

        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = large;
        report.Json["calls"] = calls;
        report.Figure("small_p50_ms", smallFirst.P50Ms, $"first page at {SmallStore:N0} p50", "ms", $"p95 {smallFirst.P95Ms:0.###} ms");
        report.Figure("large_p50_ms", largeFirst.P50Ms, $"first page at {large:N0} p50", "ms");
        report.Goal("large_p95_ms", largeFirst.P95Ms, $"first page at {large:N0} p95", "ms", GoalP95Ms, higherIsBetter: false);
        report.Figure("large_to_small_p50", largeFirst.P50Ms / smallFirst.P50Ms, "p50 large / small", "x", "1 = the size does not matter");
        report.Figure("page_101_p50_ms", deep.P50Ms, $"page 101 by cursor at {large:N0} p50", "ms", $"p95 {deep.P95Ms:0.###} ms");
        return report;
    }

    private static async Task<StrataHost> SeedAsync(string folder, int count, CancellationToken cancellationToken)
    {
        var host = await StrataHost.OpenAsync(folder, cancellationToken);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "strata.db")};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO entities (id, user_row, entity_type, canonical_name, created_at, updated_at, fields_json, provenance_json,
                observation_count)
            VALUES ($id, (SELECT rowid FROM users WHERE id = $user), 'contact', $name, $time, $time, $fields, '{}', 1)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$user", host.UserId);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var time = insert.Parameters.Add("$time", SqliteType.Text);
        var fields = insert.Parameters.Add("$fields", SqliteType.Text);
        var origin = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            id.Value = $"ent_{i:D12}";
            name.Value = $"contact {i}";
            time.Value = origin.AddSeconds(i / 1_000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            fields.Value = $$"""{"name":"contact {{i}}","email":"c{{i}}@example.com"}""";
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
        return host;
    }

    private static async Task<LatencySummary> TimeFirstPagesAsync(StrataHost host, int calls, CancellationToken cancellationToken)
    {
        var latencies = new Latencies(calls);
        for (var i = 0; i < calls + 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var page = await host.Services.Entities.RetrieveAsync(host.UserId, null, null, false, false, new Paging(), cancellationToken);
            if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(start)); // the first calls warm the JIT and the cache
            if (page.Entities.Count == 0) throw new InvalidOperationException("The seeded list is empty.");
        }
        return latencies.Summarize();
    }

    private static async Task<LatencySummary> TimePageAfterAsync(StrataHost host, int pagesIn, int calls, CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (var i = 0; i < pagesIn && (i == 0 || cursor is not null); i++)
        {
            cursor = (await host.Services.Entities.RetrieveAsync(host.UserId, null, null, false, false, new Paging(Cursor: cursor), cancellationToken)).NextCursor;
        }
        var latencies = new Latencies(calls);
        for (var i = 0; i < calls; i++)
        {
            latencies.Add(await TimeOneAsync(() => host.Services.Entities.RetrieveAsync(host.UserId, null, null, false, false, new Paging(Cursor: cursor), cancellationToken)));
        }
        return latencies.Summarize();
    }

    private static async Task<TimeSpan> TimeOneAsync(Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(start);
    }
}
