namespace Strata.Llm.Tests.Support;

/// <summary>Real time, but every timer fires after a hundredth of its due time, and each requested due time is
/// recorded. Backoff and retry-after waits then take milliseconds while tests still see the delays asked for.</summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _requested = new();

    public IReadOnlyList<TimeSpan> Requested => _requested.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _requested.Enqueue(dueTime);
        var scaled = dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime / 100;
        return System.CreateTimer(callback, state, scaled, period);
    }
}
