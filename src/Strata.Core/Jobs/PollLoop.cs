using Microsoft.Extensions.Logging;

namespace Strata.Core.Jobs;

/// <summary>
/// Calls a tick until stopped: right away again after a tick that did work, after <c>idleDelay</c> when it found
/// none, and after a doubling, capped, jittered backoff when it threw. Starting and stopping are separate tokens:
/// <c>stopping</c> ends the waiting, <c>abort</c> (later) cancels a tick in flight, so a stop drains first.
/// </summary>
internal sealed partial class PollLoop(
    string name,
    Func<CancellationToken, Task<bool>> tick,
    TimeSpan idleDelay,
    WorkerOptions options,
    TimeProvider clock,
    Jitter jitter,
    ILogger logger)
{
    private WorkerLoopStatus _status = new(name, WorkerLoopStates.Starting, null, null, 0);

    public WorkerLoopStatus Status => Volatile.Read(ref _status);

    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            // Workers started together would otherwise poll in lockstep and contend for the same rows.
            await Task.Delay(jitter.Between(TimeSpan.Zero, idleDelay), clock, stopping);
            var backoff = TimeSpan.Zero;
            while (!stopping.IsCancellationRequested)
            {
                bool didWork;
                try
                {
                    Set(WorkerLoopStates.Working);
                    didWork = await tick(abort);
                    Volatile.Write(ref _status, new WorkerLoopStatus(name, WorkerLoopStates.Idle, clock.GetUtcNow(), null, 0));
                    backoff = TimeSpan.Zero;
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception failure)
                {
                    backoff = NextBackoff(backoff);
                    var errors = Status.ConsecutiveErrors + 1;
                    Volatile.Write(ref _status, Status with { State = WorkerLoopStates.BackingOff, LastError = failure.Message, ConsecutiveErrors = errors });
                    TickFailed(logger, name, errors, backoff, failure);
                    await Task.Delay(backoff, clock, stopping);
                    continue;
                }
                if (!didWork)
                {
                    await Task.Delay(idleDelay, clock, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the loop ends between ticks.
        }
        finally
        {
            Set(WorkerLoopStates.Stopped);
        }
    }

    private TimeSpan NextBackoff(TimeSpan previous)
    {
        var floor = options.PollInterval > TimeSpan.Zero ? options.PollInterval : TimeSpan.FromSeconds(1);
        var doubled = previous == TimeSpan.Zero ? floor : previous * 2;
        var capped = doubled < options.MaxErrorBackoff ? doubled : options.MaxErrorBackoff;
        // ±20 %: loops that failed together (the database went away) do not all return at the same instant.
        return jitter.Between(capped * 0.8, capped * 1.2);
    }

    private void Set(string state) => Volatile.Write(ref _status, Status with { State = state });

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker loop {Loop} failed ({Errors} in a row); backing off {Backoff}")]
    private static partial void TickFailed(ILogger logger, string loop, int errors, TimeSpan backoff, Exception failure);
}

/// <summary>Random spreads for start times and backoffs, from an injected source so tests can pin them.</summary>
public sealed class Jitter(Random random)
{
    public TimeSpan Between(TimeSpan min, TimeSpan max)
    {
        if (max <= min) return min;
        double sample;
        // Random is not thread-safe and loops call this concurrently.
        lock (random) sample = random.NextDouble();
        return min + (max - min) * sample;
    }
}
