using System.Globalization;
using Strata.Bench.Harness;
using Strata.FakeLlm;

namespace Strata.Bench.Llm;

/// <summary>
/// LLM runs through the fake provider over real HTTP (issue 12). Throughput: a note of 2,000 chunks with every call
/// held 200 ms at the provider, at 1, 4 and 16 calls in flight, against the ideal (concurrency × pack size ÷ latency);
/// goal ≥ 0.8 of it. Overhead: the same run against a provider that answers at once, one call at a time, so the time
/// per item is what Strata itself spends (chunking, packing, prompts, HTTP, parsing, slots, commits); goal &lt; 1 ms.
/// Rounds interleave the settings, so a noisy neighbour slows each alike; the median of the rounds is reported with
/// its min–max, and the load average before and after.
/// </summary>
public sealed class LlmBenchmark : IBenchmark
{
    public const double GoalRatio = 0.8;
    public const double OverheadGoalMs = 1.0;
    public const int PackSize = 8;
    private static readonly int[] Concurrencies = [1, 4, 16];

    public string Name => "llm";

    public string Description => "LLM runs over the fake provider: items/s at 1, 4, 16 calls in flight vs the ideal, and overhead per item";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var chunks = settings.Pick(2_000, 64);
        var latency = TimeSpan.FromMilliseconds(settings.Pick(200, 20));
        var rounds = settings.Pick(3, 1);
        var loadBefore = LoadAverage();
        await using var slow = await FakeLlmServer.StartAsync(new FakeLlmOptions { Latency = latency, RecordRequests = false }, cancellationToken);
        await using var instant = await FakeLlmServer.StartAsync(new FakeLlmOptions { RecordRequests = false }, cancellationToken);
        var report = new Report(Name, settings.Quick);

        // Untimed: JIT, connection pools, the first SQLite files.
        await LlmRunMeasure.RunAsync(instant, Math.Min(chunks, 64), 4, PackSize, cancellationToken);

        var rates = Concurrencies.ToDictionary(c => c, _ => new List<double>());
        var overheads = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var concurrency in Concurrencies)
            {
                var outcome = Check(report, await LlmRunMeasure.RunAsync(slow, chunks, concurrency, PackSize, cancellationToken), chunks);
                rates[concurrency].Add(outcome.Completed / outcome.Elapsed.TotalSeconds);
            }
            var quick = Check(report, await LlmRunMeasure.RunAsync(instant, chunks, 1, PackSize, cancellationToken), chunks);
            overheads.Add(quick.Elapsed.TotalMilliseconds / quick.Items);
        }

        report.Json["chunks"] = chunks;
        report.Json["latency_ms"] = latency.TotalMilliseconds;
        report.Json["pack_size"] = PackSize;
        report.Json["rounds"] = rounds;
        foreach (var concurrency in Concurrencies)
        {
            var ideal = concurrency * PackSize / latency.TotalSeconds;
            var measured = rates[concurrency];
            var median = Median(measured);
            report.Figure($"items_per_s_c{concurrency}", median, $"items/s, {concurrency} in flight", "items/s",
                $"min–max {measured.Min():0.#}–{measured.Max():0.#}; ideal {ideal:0.#}");
            report.Goal($"ratio_to_ideal_c{concurrency}", median / ideal, $"ratio to ideal, {concurrency} in flight", "", GoalRatio, higherIsBetter: true);
        }
        report.Goal("overhead_ms_per_item", Median(overheads), "Strata's overhead per item (instant provider)", "ms", OverheadGoalMs, higherIsBetter: false);
        report.Row("overhead min–max", $"{overheads.Min():0.###}–{overheads.Max():0.###} ms");
        var loadAfter = LoadAverage();
        report.Json["load_average_before"] = loadBefore;
        report.Json["load_average_after"] = loadAfter;
        report.Row("load average (1, 5, 15 min)", "", $"before {loadBefore}; after {loadAfter}");
        return report;
    }

    private static LlmRunMeasure.Outcome Check(Report report, LlmRunMeasure.Outcome outcome, int chunks)
    {
        if (!LlmRunMeasure.Finished(outcome) || outcome.Items != chunks || outcome.Completed != chunks)
        {
            report.Failures.Add($"a run ended {outcome.Status} with {outcome.Completed} of {outcome.Items} items completed; expected {chunks} of {chunks}");
        }
        return outcome;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(", ", parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
