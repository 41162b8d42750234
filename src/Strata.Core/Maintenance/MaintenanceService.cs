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
                var state = await RunLedger.FailAttemptAsync(store, job.Lease, error, now + InterpretJobHandler.Retries.DelayAfter(job.Attempt), cancellationToken);
                if (state != JobStates.Failed) continue; // retried later, or settled meanwhile
                job = await store.Jobs.GetAsync(job.Id, cancellationToken);
            }
            if (!AbandonedRuns.IsAbandonedBy(job)) continue;
            if (await RunLedger.FailAsync(store, run.UserId, run.RunId, AbandonedRuns.ErrorFor(job), lease: null, now, cancellationToken))
            {
                failed.Add(run);
                metrics.InterpretationFinished(InterpretationOutcomes.Timeout, null, 0);
            }
        }
        return failed;
    }

    /// <summary>
    /// Fails documents whose conversion made no progress (no batch of blocks written) for
    /// <see cref="WorkerOptions.ConversionTimeout"/>: conversion_failed with the error, its partial blocks removed. A hung
    /// worker's later writes are refused (its document is no longer converting). Returns the documents it failed.
    /// </summary>
    public async Task<IReadOnlyList<StaleConversion>> TimeOutStaleConversionsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleBefore = now - options.ConversionTimeout;
        var failed = new List<StaleConversion>();
        foreach (var stale in await store.Maintenance.FindStaleConversionsAsync(staleBefore, StaleRunsPerPass, cancellationToken))
        {
            await using var session = await store.OpenWriteAsync(stale.UserId, cancellationToken);
            var error = $"{RunErrors.Timeout}: the conversion made no progress for {options.ConversionTimeout} (the worker converting it hung or died)";
            if (!await session.Documents.FailConversionAsync(stale.DocumentId, error, now, staleBefore, cancellationToken)) continue;
            await session.DocumentBlocks.DeleteByDocumentAsync(stale.DocumentId, cancellationToken);
            await session.CommitAsync(cancellationToken);
            failed.Add(stale);
        }
        return failed;
    }

    /// <summary>The run-timeout job's work: stale runs, then stale conversions (one schedule for both).</summary>
    public async Task TimeOutStaleWorkAsync(CancellationToken cancellationToken)
    {
        await TimeOutStaleRunsAsync(cancellationToken);
        await TimeOutStaleConversionsAsync(cancellationToken);
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
