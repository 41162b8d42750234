using System.Diagnostics;

namespace Strata.Bench.Harness;

/// <summary>Per-operation wall times, kept whole so percentiles are exact rather than estimated from buckets.</summary>
public sealed class Latencies(int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public int Count => _ticks.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await operation();
        _ticks.Add(Stopwatch.GetTimestamp() - start);
        return result;
    }

    public void Add(TimeSpan elapsed) => _ticks.Add((long)(elapsed.TotalSeconds * Stopwatch.Frequency));

    public LatencySummary Summarize()
    {
        if (_ticks.Count == 0)
        {
            throw new InvalidOperationException("No operation was timed.");
        }
        var sorted = _ticks.Order().ToArray();
        return new LatencySummary(sorted.Length, Ms(Percentile(sorted, 0.50)), Ms(Percentile(sorted, 0.95)),
            Ms(Percentile(sorted, 0.99)), Ms(sorted[^1]), Ms((long)sorted.Average()));
    }

    /// <summary>Nearest-rank percentile: the value at or below which the fraction of samples lies.</summary>
    private static long Percentile(long[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public sealed record LatencySummary(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs);
