namespace Strata.Sqlite.Tests;

/// <summary>System time, but timers that fire only when the test says: what a store schedules happens at a point the
/// test chooses, with no waiting.</summary>
internal sealed class HeldTimers : TimeProvider
{
    private readonly List<HeldTimer> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HeldTimer(callback, state, dueTime);
        lock (_timers) _timers.Add(timer);
        return timer;
    }

    /// <summary>Fires every timer that is due (started and not stopped); returns how many fired.</summary>
    public int FireDue()
    {
        HeldTimer[] due;
        lock (_timers) due = _timers.Where(t => t.Due).ToArray();
        foreach (var timer in due) timer.Fire();
        return due.Length;
    }

    private sealed class HeldTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        private TimeSpan _dueTime = dueTime;
        private bool _disposed;

        public bool Due => !_disposed && _dueTime != Timeout.InfiniteTimeSpan;

        public void Fire()
        {
            _dueTime = Timeout.InfiniteTimeSpan;
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _dueTime = dueTime;
            return !_disposed;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
