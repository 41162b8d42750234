namespace Strata.S3.Tests.Support;

/// <summary>
/// A clock the test moves by hand whose timers fire only when it is moved past them, so a wait on the injected clock
/// (<c>Task.Delay(…, clock)</c>) ends exactly when the test says and never by real time passing. The test learns that
/// the code under test is waiting from <see cref="NextWaitAsync"/>, not from a sleep.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Timer> _timers = [];
    private DateTimeOffset _now = start;
    private TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The due time of the soonest timer due within <paramref name="within"/> of now, once there is one.</summary>
    public async Task<DateTimeOffset> NextWaitAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task armed;
            lock (_gate)
            {
                var due = _timers.Where(t => t.Due is { } at && at - _now <= within).Select(t => t.Due!.Value).DefaultIfEmpty().Min();
                if (due != default) return due;
                armed = _armed.Task;
            }
            await armed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Moves the clock to <paramref name="to"/> and fires every timer due by then.</summary>
    public void AdvanceTo(DateTimeOffset to)
    {
        List<Timer> due;
        lock (_gate)
        {
            if (to > _now) _now = to;
            due = _timers.Where(t => t.Due <= _now).ToList();
            foreach (var timer in due) timer.Due = timer.Period is { } period ? _now + period : null;
            _timers.RemoveAll(t => t.Due is null);
        }
        foreach (var timer in due) timer.Fire();
    }

    private void Arm(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource armed;
        lock (_gate)
        {
            _timers.Remove(timer);
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            if (timer.Due is null) return;
            _timers.Add(timer);
            armed = _armed;
            _armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        armed.TrySetResult();
    }

    private void Disarm(Timer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class Timer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime, period);
            return true;
        }

        public void Dispose() => clock.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
