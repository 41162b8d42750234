using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Bench.Mcp;
using Strata.Core.Operations;

namespace Strata.Bench.Reads;

/// <summary>
/// Figure 2: a random entity's snapshot with provenance, over a store of 100,000 entities and 1,000,000
/// observations: in-process (the service call every interface makes) and through <c>strata mcp</c> over stdio.
/// </summary>
public sealed class SnapshotReadBenchmark : IBenchmark
{
    public const double GoalP95Ms = 1.0;
    public const double GoalMcpP95Ms = 5.0;

    public string Name => "snapshots";

    public string Description => "get_entity_snapshot of random entities at 100,000 entities / 1,000,000 observations";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var dataset = await settings.Datasets.GetAsync(settings.Pick(100_000, 2_000), settings.Pick(10, 5), cancellationToken);
        var reads = settings.Pick(20_000, 2_000);
        var host = dataset.Host;
        var random = new Random(42);
        using var raw = new RawSqliteReader(dataset.DatabasePath);

        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = dataset.EntityIds.Length;
        report.Json["observations"] = dataset.Observations;
        report.Json["reads"] = reads;
        report.Figure("seed_observations_per_s", Rates.PerSecond(dataset.Observations, dataset.SeedTime), "seeding (ingest_structured, updates)",
            "observations/s", $"{dataset.Observations:N0} observations in {dataset.SeedTime.TotalSeconds:0.0} s");

        for (var i = 0; i < 1_000; i++)
        {
            var id = dataset.EntityIds[random.Next(dataset.EntityIds.Length)];
            raw.ReadSnapshot(id);
            await host.Services.Entities.GetSnapshotAsync(host.UserId, id, null, cancellationToken);
        }

        // Alternating floor and Strata read by read: both see the same moments of a noisy machine.
        var strata = new Latencies(reads);
        var floor = new Latencies(reads);
        SnapshotView? wrong = null;
        for (var i = 0; i < reads; i++)
        {
            var id = dataset.EntityIds[random.Next(dataset.EntityIds.Length)];
            var start = Stopwatch.GetTimestamp();
            raw.ReadSnapshot(id);
            floor.Add(Stopwatch.GetElapsedTime(start));
            var view = await strata.TimeAsync(() => host.Services.Entities.GetSnapshotAsync(host.UserId, id, null, cancellationToken));
            if (view.ObservationCount != dataset.Rounds || view.Provenance!.Count == 0 || view.EntityId != id)
            {
                wrong ??= view;
            }
        }
        var inProcess = strata.Summarize();
        var baseline = floor.Summarize();
        report.Figure("in_process_p50_ms", inProcess.P50Ms, "in-process p50", "ms");
        report.Goal("in_process_p95_ms", inProcess.P95Ms, "in-process p95", "ms", GoalP95Ms, higherIsBetter: false);
        report.Figure("in_process_p99_ms", inProcess.P99Ms, "in-process p99", "ms");
        report.Figure("raw_sqlite_p50_ms", baseline.P50Ms, "raw SQLite row read p50 (floor)", "ms");
        report.Figure("raw_sqlite_p95_ms", baseline.P95Ms, "raw SQLite row read p95 (floor)", "ms");
        report.Figure("p50_ratio_to_raw_sqlite", inProcess.P50Ms / baseline.P50Ms, "in-process p50 / floor p50", "x");
        if (wrong is not null)
        {
            report.Failures.Add($"snapshot of {wrong.EntityId} has {wrong.ObservationCount} observations and {wrong.Provenance!.Count} provenance entries; expected {dataset.Rounds} and some");
        }

        await MeasureMcpAsync(settings, dataset.EntityIds, host.DataDirectory, report, cancellationToken);
        return report;
    }

    private static async Task MeasureMcpAsync(BenchSettings settings, string[] entityIds, string dataDirectory, Report report,
        CancellationToken cancellationToken)
    {
        const string tool = "get_entity_snapshot";
        var unavailable = await StrataCli.WhyMcpUnavailableAsync(cancellationToken);
        if (unavailable is not null)
        {
            report.NotMeasured("mcp_stdio_p95_ms", "MCP stdio p95", unavailable);
            return;
        }
        await using var client = await StrataMcpClient.StartAsync(dataDirectory, StrataHost.UserName, cancellationToken);
        var argument = client.EntityIdArgument(tool);
        var random = new Random(7);
        var reads = settings.Pick(5_000, 300);
        for (var i = 0; i < 200; i++)
        {
            await client.CallAsync(tool, new Dictionary<string, object?> { [argument] = entityIds[random.Next(entityIds.Length)] }, cancellationToken);
        }
        var latencies = new Latencies(reads);
        for (var i = 0; i < reads; i++)
        {
            var id = entityIds[random.Next(entityIds.Length)];
            await latencies.TimeAsync(() => client.CallAsync(tool, new Dictionary<string, object?> { [argument] = id }, cancellationToken));
        }
        var summary = latencies.Summarize();
        report.Json["mcp_reads"] = reads;
        report.Figure("mcp_stdio_p50_ms", summary.P50Ms, "MCP stdio p50 (C# client)", "ms");
        report.Goal("mcp_stdio_p95_ms", summary.P95Ms, "MCP stdio p95 (C# client)", "ms", GoalMcpP95Ms, higherIsBetter: false);
        report.Figure("mcp_stdio_p99_ms", summary.P99Ms, "MCP stdio p99 (C# client)", "ms");
    }
}
