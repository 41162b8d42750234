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
    /// <summary>Fails running runs whose heartbeat is older than <see cref="WorkerOptions.RunTimeout"/> and releases their jobs.</summary>
    public async Task<IReadOnlyList<TimedOutRun>> TimeOutStaleRunsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var timedOut = await store.Maintenance.FailStaleRunsAsync(now - options.RunTimeout, RunErrors.Timeout, now, cancellationToken);
        foreach (var _ in timedOut) metrics.InterpretationFinished(InterpretationOutcomes.Timeout, null, 0);
        return timedOut;
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
