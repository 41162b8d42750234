using System.Collections.Concurrent;

namespace Strata.Core.Runs;

/// <summary>
/// The runs this process is working on, so a cancel made here stops their calls at once. A cancel made in another
/// process (or while no worker here holds the run) is seen at the worker's next heartbeat or commit instead: the
/// database is the truth, this is only the fast path.
/// </summary>
public sealed class RunStops
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CancellationTokenSource, byte>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Cancels <paramref name="stop"/> when <see cref="Stop"/> is called for the run, until the result is disposed.</summary>
    public IDisposable Watch(string runId, CancellationTokenSource stop)
    {
        _watchers.GetOrAdd(runId, _ => new()).TryAdd(stop, 0);
        return new Watching(this, runId, stop);
    }

    /// <summary>Stops every attempt in this process working on the run; returns how many there were.</summary>
    public int Stop(string runId)
    {
        if (!_watchers.TryGetValue(runId, out var watchers)) return 0;
        var stopped = 0;
        foreach (var stop in watchers.Keys)
        {
            try
            {
                stop.Cancel();
                stopped++;
            }
            catch (ObjectDisposedException)
            {
                // That attempt finished meanwhile.
            }
        }
        return stopped;
    }

    private void Forget(string runId, CancellationTokenSource stop)
    {
        if (!_watchers.TryGetValue(runId, out var watchers)) return;
        watchers.TryRemove(stop, out _);
        if (watchers.IsEmpty) _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<CancellationTokenSource, byte>>(runId, watchers));
    }

    private sealed class Watching(RunStops stops, string runId, CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stops.Forget(runId, stop);
    }
}
