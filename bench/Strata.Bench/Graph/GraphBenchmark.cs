using System.Text.Json;
using Strata.Bench.Harness;
using Strata.Core.Observations;

namespace Strata.Bench.Graph;

/// <summary>
/// get_neighbourhood to depth 2 over a store of 100,000 entities and 500,000 relations (2,000 / 10,000 with --quick),
/// now and as_of a time before a fifth of the relations were ended: three rounds, current and as-of reads interleaved
/// read by read so both see the same moments of the machine; each figure is the median of the rounds with their min-max.
/// </summary>
public sealed class GraphBenchmark : IBenchmark
{
    public const double GoalP95Ms = 5.0;
    public const double GoalAsOfRatio = 2.0;
    private const int Rounds = 3;
    private const int EntitiesPerCall = 500;

    public string Name => "graph";

    public string Description => "get_neighbourhood depth 2, current and as_of, at 100,000 entities / 500,000 relations";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var entities = settings.Pick(100_000, 2_000);
        var relationsPerEntity = 5;
        var reads = settings.Pick(2_000, 200);
        using var workspace = new Workspace("graph");
        var host = await StrataHost.OpenAsync(workspace.Folder("data"), cancellationToken);
        var random = new Random(42);

        var seedStart = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = new List<string>(entities);
        for (var first = 0; first < entities; first += EntitiesPerCall)
        {
            var count = Math.Min(EntitiesPerCall, entities - first);
            var batch = Enumerable.Range(first, count).Select(i => Json($$"""{"entity_type":"note","title":"Node {{i}}"}""")).ToList();
            ids.AddRange((await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest(batch), cancellationToken)).Entities.Select(e => e.EntityId));
        }
        // Each entity links to 5 others at random; every fifth relation is later ended, so as_of before that differs from now.
        for (var first = 0; first < entities; first += EntitiesPerCall / relationsPerEntity * 2)
        {
            var relations = new List<JsonElement>();
            for (var i = first; i < Math.Min(entities, first + EntitiesPerCall / relationsPerEntity * 2); i++)
            {
                for (var k = 0; k < relationsPerEntity; k++)
                {
                    var ended = k == 0 ? ""","valid_to":"2030-01-01" """ : "";
                    relations.Add(Json($$"""{"from":"{{ids[i]}}","relation_type":"linked_{{k}}","to":"{{ids[random.Next(entities)]}}","valid_from":"2020-01-01"{{ended}}}"""));
                }
            }
            await host.Services.Structured.StoreAsync(host.UserId, new StoreRequest([], Relations: relations), cancellationToken);
        }
        var seedTime = System.Diagnostics.Stopwatch.GetElapsedTime(seedStart);
        var asOf = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var later = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = entities;
        report.Json["relations"] = entities * relationsPerEntity;
        report.Json["reads_per_round"] = reads;
        report.Json["load_before"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        report.Figure("seed_s", seedTime.TotalSeconds, "seeding (ingest_structured: entities, then relations)", "s",
            $"{entities:N0} entities, {entities * relationsPerEntity:N0} relations");

        for (var i = 0; i < 200; i++)
        {
            await host.Services.Graph.NeighbourhoodAsync(host.UserId, ids[random.Next(entities)], 2, 1000, 5000, null, cancellationToken);
        }
        var current = new List<LatencySummary>();
        var past = new List<LatencySummary>();
        var cpuPerRead = new List<double>();
        var wrong = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var now = new Latencies(reads);
            var then = new Latencies(reads);
            for (var i = 0; i < reads; i++)
            {
                var id = ids[random.Next(entities)];
                var a = await now.TimeAsync(() => host.Services.Graph.NeighbourhoodAsync(host.UserId, id, 2, 1000, 5000, later, cancellationToken));
                var b = await then.TimeAsync(() => host.Services.Graph.NeighbourhoodAsync(host.UserId, id, 2, 1000, 5000, asOf, cancellationToken));
                // Ended relations hold in 2025 and no longer in 2031: the past answer has at least the current one's edges.
                if (b.Edges.Count < a.Edges.Count) wrong++;
            }
            // The process's CPU per read (the reads run one at a time): what a read costs on a core of its own, which a wall
            // clock on a machine shared many times over cannot say.
            cpuPerRead.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (2.0 * reads));
            current.Add(now.Summarize());
            past.Add(then.Summarize());
        }
        report.Json["load_after"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        AddFigures(report, "current", current);
        AddFigures(report, "as_of", past);
        report.Figure("cpu_ms_per_read", Median(cpuPerRead), $"process CPU per read, current and as_of (median of {Rounds})", "ms",
            $"min {cpuPerRead.Min():0.00} - max {cpuPerRead.Max():0.00}");
        var ratio = Median(past.Select(p => p.P95Ms)) / Median(current.Select(c => c.P95Ms));
        report.Goal("neighbourhood_p95_ms", Median(current.Select(c => c.P95Ms)), "depth 2 p95, median of rounds", "ms", GoalP95Ms, higherIsBetter: false);
        report.Goal("as_of_to_current_p95", ratio, "as_of p95 / current p95", "x", GoalAsOfRatio, higherIsBetter: false);
        if (wrong > 0) report.Failures.Add($"{wrong} as_of answers had fewer relations than the current one over the same entity");
        return report;
    }

    private static void AddFigures(Report report, string name, List<LatencySummary> rounds)
    {
        var p50 = rounds.Select(r => r.P50Ms).ToList();
        var p95 = rounds.Select(r => r.P95Ms).ToList();
        report.Figure($"{name}_p50_ms", Median(p50), $"{name} depth 2 p50 (median of {rounds.Count})", "ms", $"min {p50.Min():0.00} - max {p50.Max():0.00}");
        report.Figure($"{name}_p95_ms", Median(p95), $"{name} depth 2 p95 (median of {rounds.Count})", "ms", $"min {p95.Min():0.00} - max {p95.Max():0.00}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
