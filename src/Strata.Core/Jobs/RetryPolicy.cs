namespace Strata.Core.Jobs;

/// <summary>How long to wait before the next attempt, given the attempt that just failed (1-based).</summary>
public sealed class RetryPolicy
{
    private readonly Func<int, TimeSpan> _delayAfter;

    private RetryPolicy(Func<int, TimeSpan> delayAfter) => _delayAfter = delayAfter;

    public TimeSpan DelayAfter(int attempt) => _delayAfter(Math.Max(1, attempt));

    /// <summary>first, 2×first, 4×first… never more than <paramref name="cap"/>.</summary>
    public static RetryPolicy Exponential(TimeSpan first, TimeSpan cap) =>
        // Doubling in floating point cannot overflow; the cap bounds the result long before precision matters.
        new(attempt => TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, attempt - 1), cap.Ticks)));

    /// <summary>Explicit delays, one per retry; the last repeats if attempts outnumber them.</summary>
    public static RetryPolicy Schedule(IReadOnlyList<TimeSpan> delays)
    {
        if (delays.Count == 0) throw new ArgumentException("A retry schedule needs at least one delay.", nameof(delays));
        var copy = delays.ToArray();
        return new RetryPolicy(attempt => copy[Math.Min(attempt, copy.Length) - 1]);
    }
}
