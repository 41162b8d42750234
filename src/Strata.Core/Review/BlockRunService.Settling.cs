using Strata.Core.Jobs;
using Strata.Core.Runs;

namespace Strata.Core.Review;

public sealed partial class BlockRunService
{
    /// <summary>Moves the run to running. A run finished with blocks pending again (a reject or retry raced its finish)
    /// is reopened; a cancelled one, or one finished with nothing left, is not started: false.</summary>
    private async Task<bool> StartAsync(Run run, CancellationToken cancellationToken)
    {
        await using var session = await kit.Store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.Status == RunStatuses.Cancelled) return false;
        if (current.IsFinished)
        {
            var summary = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
            if (summary.Pending == 0 || !await session.Review.ReopenRunAsync(run.Id, cancellationToken)) return false;
        }
        if (!await RunLedger.StartAsync(session, run.Id, kit.Clock.GetUtcNow(), cancellationToken)) return false;
        await session.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Claims a batch of blocks and reads them; null when the run is no longer running.</summary>
    private async Task<IReadOnlyList<ReviewBlock>?> ClaimAsync(Run run, BlockRun blockRun, int batch, CancellationToken cancellationToken)
    {
        var now = kit.Clock.GetUtcNow();
        await using var session = await kit.Store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.Status != RunStatuses.Running) return null;
        var claimed = await session.Review.ClaimItemsAsync(run.Id, batch, now, now - StaleClaim, cancellationToken);
        if (claimed.Count == 0)
        {
            await session.CommitAsync(cancellationToken);
            return [];
        }
        var wanted = claimed.ToHashSet();
        var blocks = (await session.Review.ReadBlocksAsync(blockRun.DocumentId, claimed[0], claimed[^1], cancellationToken))
            .Where(b => wanted.Contains(b.Index)).ToList();
        await session.CommitAsync(cancellationToken);
        return blocks;
    }

    /// <summary>With nothing pending or claimed, completes the run (under the ledger's status rule) and this job, in one
    /// transaction. Null when blocks are pending again (the caller claims them). When another worker still holds blocks
    /// it will finish the run; this job looks again later, in case that worker died (its claims go stale).</summary>
    private async Task<JobResult?> FinishAsync(JobContext context, Run run, CancellationToken cancellationToken)
    {
        await using var session = await kit.Store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished) return JobResult.Completed;
        var summary = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
        if (summary.Pending > 0) return null;
        if (summary.Claimed > 0) return JobResult.SnoozeUntil(kit.Clock.GetUtcNow() + StaleClaim / 10);
        return await _settlement.CompleteAsync(session, context, current, RunProgress.Of(current), summary,
            "their errors and raw output are on the run's blocks. Retry them with retry_failed.", cancellationToken);
    }
}
