using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// Waits for a queued run to finish by working on it: the caller claims the run's own job and runs it in-process
/// under a short lease (<see cref="WorkerOptions.CallerLeaseDuration"/>, heartbeated), so a caller that is killed
/// leaves a job the next command takes back within seconds. When another process holds the job, the caller polls
/// until it finishes; when that holder's lease lapses, the caller returns the job to the queue and takes it.
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
        var claim = new JobClaim(owner, [JobKinds.Interpret], options.CallerLeaseDuration) { Subject = runId };
        while (true)
        {
            if (await FinishedAsync(userId, runId, cancellationToken) is { } outcome) return outcome;
            if (await RunNextAsync(claim, cancellationToken)) continue;

            var job = await store.Jobs.FindBySubjectAsync(JobKinds.Interpret, runId, cancellationToken);
            if (AbandonedRuns.IsAbandonedBy(job))
            {
                // The job settles with its run in one transaction, so a run still unfinished now was left behind by a
                // job that will not run again: without this the caller would poll for ever.
                if (await FinishedAsync(userId, runId, cancellationToken) is { } settled) return settled;
                await RunLedger.FailAsync(store, userId, runId, AbandonedRuns.ErrorFor(job), lease: null, clock.GetUtcNow(), cancellationToken);
                continue;
            }
            if (job!.State == JobStates.Running && job.LeaseExpiresAt < clock.GetUtcNow())
            {
                // Its holder died (a killed CLI): no worker may be running to rescue it, so the waiter does.
                await store.Jobs.RescueExpiredAsync(cancellationToken);
                continue;
            }
            await Task.Delay(options.PollInterval, clock, cancellationToken);
        }
    }

    private async Task<bool> RunNextAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            return await jobs.RunNextAsync(claim, cancellationToken);
        }
        catch (Exception busy) when (StoreBusy.Is(busy))
        {
            // The run is not ours to fail: another writer held the database while we claimed or settled. Its job is
            // still queued (or leased to us, and back when the lease lapses); look again.
            return false;
        }
    }

    private async Task<InterpretationOutcome?> FinishedAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        var run = await read.Runs.GetAsync(runId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
        return run.IsFinished ? await InterpretationRunner.OutcomeAsync(read, run, cancellationToken) : null;
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
                    await using var read = await store.OpenReadAsync(userId, cancellationToken);
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
