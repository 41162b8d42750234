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
    public async Task<InterpretationOutcome> WaitAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        var owner = $"wait:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        var claim = new JobClaim(owner, [JobKinds.Interpret], options.CallerLeaseDuration) { Subject = runId };
        while (true)
        {
            if (await FinishedAsync(userId, runId, cancellationToken) is { } outcome) return outcome;
            if (await jobs.RunNextAsync(claim, cancellationToken)) continue;

            var job = await store.Jobs.FindBySubjectAsync(JobKinds.Interpret, runId, cancellationToken);
            if (AbandonedRuns.IsAbandonedBy(job))
            {
                // The job settles with its run in one transaction, so a run still unfinished now was left behind by a
                // job that will not run again: without this the caller would poll for ever.
                if (await FinishedAsync(userId, runId, cancellationToken) is { } settled) return settled;
                await AbandonedRuns.FailAsync(store, userId, runId, AbandonedRuns.ErrorFor(job), clock.GetUtcNow(), cancellationToken);
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

    private async Task<InterpretationOutcome?> FinishedAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenAsync(userId, write: false, cancellationToken);
        var run = await read.Runs.GetAsync(runId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
        return run.IsFinished ? await InterpretationRunner.OutcomeAsync(read, run, cancellationToken) : null;
    }
}
