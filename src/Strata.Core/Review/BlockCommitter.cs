using System.Globalization;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Storage;
using Strata.Core.Extraction;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Review;

/// <summary>
/// Commits one pack's outcome in one transaction: each block's item is finished (tokens, cost, calls, error, raw output)
/// and, when its answer fits the schema, its value is staged. An answer that parsed but does not fit (a field of the
/// wrong type, a field the schema does not have) fails its block with the raw output. A block no longer claimed (the
/// run was cancelled, or another worker took over its stale claim) is left alone, so no block is recorded twice.
/// </summary>
internal sealed class BlockCommitter(IStrataStore store, Run run, BlockRun blockRun, SchemaDefinition schema, bool keepAllRaw, TimeProvider clock)
{
    private int _commits;

    /// <summary>False when the run is no longer running: nothing was written and the worker should stop.</summary>
    public async Task<bool> CommitAsync(PackReport report, Dictionary<string, CallShares.Share> shares, IReadOnlyList<ReviewBlock> blocks,
        CancellationToken cancellationToken)
    {
        var byIndex = blocks.ToDictionary(b => b.Index.ToString(CultureInfo.InvariantCulture));
        var now = clock.GetUtcNow();
        await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.Status != RunStatuses.Running) return false;
        foreach (var outcome in report.Items)
        {
            var block = byIndex[outcome.ItemId];
            var share = shares.GetValueOrDefault(outcome.ItemId) ?? new CallShares.Share();
            string? value = null;
            var error = outcome.Error;
            if (outcome.Completed)
            {
                var (answer, problems) = BlockValues.FromAnswer(outcome.Result!.Value, schema);
                if (problems.Count == 0) value = answer;
                else error = "The answer does not fit the schema: " + string.Join("; ", problems) + ".";
            }
            var staged = value is not null;
            var item = new RunItem(run.Id, block.Index, staged ? RunItemStatuses.Completed : RunItemStatuses.Failed, 0, 0,
                share.Usage.Input, share.Usage.Output, share.Usage.CacheRead, share.Usage.CacheWrite, share.CostUnknown ? null : share.CostNanos,
                0, share.Calls, staged ? null : error, staged && !keepAllRaw ? null : outcome.RawOutput ?? share.LastRaw, now);
            if (!await session.RunItems.FinishAsync(item, cancellationToken)) continue;
            if (staged)
            {
                await session.Review.StageAsync(new BlockValue(run.Id, block.Index, block.BlockUid, blockRun.DocumentId, blockRun.ProjectId,
                    blockRun.SchemaRef, BlockValueStates.Staged, value, value, false, null, null, null, null, null, null, now), cancellationToken);
            }
        }
        await RunLedger.BeatAsync(session, run.Id, now, cancellationToken);
        // A crash test's hold point: inside a pack's commit after this worker's first, so one pack is committed and one is not.
        if (Interlocked.Increment(ref _commits) > 1) await HoldPoint.ReachedAsync("block-commit", cancellationToken);
        await session.CommitAsync(cancellationToken);
        return true;
    }
}
