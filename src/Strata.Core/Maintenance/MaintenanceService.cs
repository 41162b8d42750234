using Strata.Core.Duplicates;
using Strata.Core.Jobs;
using Strata.Core.Metrics;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Maintenance;

/// <summary>The periodic maintenance, callable directly (an operator, a test) or through its scheduled jobs.</summary>
public sealed class MaintenanceService(
    IStrataStore store,
    DuplicateService duplicates,
    StrataMetrics metrics,
    WorkerOptions options,
    TimeProvider clock)
{
    /// <summary>Stale runs per pass: the rest wait for the next period, so one pass stays short.</summary>
    public const int StaleRunsPerPass = 500;

    /// <summary>
    /// Deals with running runs whose heartbeat is older than <see cref="WorkerOptions.RunTimeout"/>. Expired leases go
    /// back to the queue first. A run whose job is still held (its worker hung) has that attempt ended as a failure:
    /// the hung holder's late result is refused by the lease fence, and the job is retried with backoff while it has
    /// attempts left. A run whose job is waiting for a retry is left to it. Only a run whose job will never run again
    /// (attempts spent, cancelled, gone) is failed, with an error that says so. Returns the runs it failed.
    /// </summary>
    public async Task<IReadOnlyList<TimedOutRun>> TimeOutStaleRunsAsync(CancellationToken cancellationToken)
    {
        await store.Jobs.RescueExpiredAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var failed = new List<TimedOutRun>();
        foreach (var run in await store.Maintenance.FindStaleRunsAsync(now - options.RunTimeout, StaleRunsPerPass, cancellationToken))
        {
            var job = await store.Jobs.FindBySubjectAsync(JobKinds.Interpret, run.RunId, cancellationToken);
            if (job is { State: JobStates.Running })
            {
                var error = $"{RunErrors.Timeout} for {options.RunTimeout} (the worker holding it hung)";
                var state = await store.Jobs.FailAsync(job.Lease, error, now + InterpretJobHandler.Retries.DelayAfter(job.Attempt), cancellationToken);
                if (state != JobStates.Failed) continue; // retried later, or settled meanwhile
                job = await store.Jobs.GetAsync(job.Id, cancellationToken);
            }
            if (!AbandonedRuns.IsAbandonedBy(job)) continue;
            if (await AbandonedRuns.FailAsync(store, run.UserId, run.RunId, AbandonedRuns.ErrorFor(job), now, cancellationToken))
            {
                failed.Add(run);
                metrics.InterpretationFinished(InterpretationOutcomes.Timeout, null, 0);
            }
        }
        return failed;
    }

    public Task<int> ArchiveRunsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.Maintenance.ArchiveRunsAsync(now - options.ArchiveAfter, now, cancellationToken);
    }

    /// <summary>Scans every user's entities for potential duplicates.</summary>
    public async Task<int> ScanAllForDuplicatesAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var user in await store.Users.ListAsync(cancellationToken))
        {
            added += (await duplicates.ScanAsync(user.Id, cancellationToken)).NewPairs;
        }
        return added;
    }

    public Task<int> PruneJobsAsync(CancellationToken cancellationToken) =>
        store.Jobs.PruneAsync(clock.GetUtcNow() - options.PruneJobsAfter, cancellationToken);
}
