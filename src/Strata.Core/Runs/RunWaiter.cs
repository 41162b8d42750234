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
    public async Task<InterpretationOutcome> WaitAsync(string userId, string runId, CancellationToken cancellationToken)
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
            if (!await jobs.RunNextAsync(claim, cancellationToken))
            {
                await Task.Delay(options.PollInterval, clock, cancellationToken);
            }
        }
    }
}
