using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// Waits for a queued run to finish by working on it: the caller claims the run's own job and runs it in-process.
/// When another worker already holds it, the caller polls until that worker finishes (or its lease lapses and the
/// job comes back, claimable here).
/// </summary>
public sealed class RunWaiter(IStrataStore store, JobRunner jobs, WorkerOptions options, TimeProvider clock)
{
    public async Task<InterpretationOutcome> WaitAsync(string userId, string runId, CancellationToken cancellationToken,
        IProgress<RunProgress>? progress = null)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = progress is null ? Task.CompletedTask : WatchAsync(userId, runId, progress, watching.Token);
        try
        {
            return await WorkAsync(userId, runId, cancellationToken);
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
    }

    private async Task<InterpretationOutcome> WorkAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        var owner = $"wait:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        var claim = new JobClaim(owner, [JobKinds.Interpret], options.LeaseDuration) { Subject = runId };
        while (true)
        {
            await using (var read = await store.OpenAsync(userId, write: false, cancellationToken))
            {
                var run = await read.Runs.GetAsync(runId, cancellationToken)
                    ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
                if (run.IsFinished) return await InterpretationRunner.OutcomeAsync(read, run, cancellationToken);
            }
            bool ran;
            try
            {
                ran = await jobs.RunNextAsync(claim, cancellationToken);
            }
            catch (StrataException busy) when (busy.Code == ErrorCodes.StoreBusy)
            {
                // The run is not ours to fail: another writer held the database while we claimed or settled. Its
                // job is still queued (or leased to us, and back when the lease lapses); look again.
                ran = false;
            }
            if (!ran)
            {
                await Task.Delay(options.PollInterval, clock, cancellationToken);
            }
        }
    }

    /// <summary>Reads the run's committed counters once per poll interval and reports them when they move. Runs beside
    /// the work (which may be in this process), on a connection of its own; it never fails the wait.</summary>
    private async Task WatchAsync(string userId, string runId, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        RunProgress? last = null;
        try
        {
            while (true)
            {
                await Task.Delay(options.PollInterval, clock, cancellationToken);
                try
                {
                    await using var read = await store.OpenAsync(userId, write: false, cancellationToken);
                    if (await read.Runs.GetAsync(runId, cancellationToken) is { IsFinished: false } run
                        && RunProgress.Of(run) is var now && now != last && now.Items > 0)
                    {
                        progress.Report(now);
                        last = now;
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // Progress is a courtesy; the wait itself reports what matters.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
