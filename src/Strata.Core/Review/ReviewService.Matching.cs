using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>What a bulk review by filter does to each matching staged value.</summary>
public enum MatchingAction
{
    Confirm,
    Reject,
}

public sealed partial class ReviewService
{
    public static MatchingAction ParseAction(string action) => action switch
    {
        "confirm" => MatchingAction.Confirm,
        "reject" => MatchingAction.Reject,
        _ => throw StrataException.Validation($"action must be confirm or reject (got '{action}')."),
    };

    /// <summary>
    /// Confirms or rejects every staged value of a run that matches <paramref name="filter"/>, or with
    /// <paramref name="dryRun"/> only counts them and the model calls a reject would cost. The run's staged values are
    /// read in block order, <see cref="ConfirmBatch"/> at a time, and each page is one transaction: a crash keeps the
    /// pages committed before it and leaves the rest staged, so calling again finishes the job. Each value moves only
    /// from staged (<see cref="IReviewStore.UpdateValueAsync"/> checks the state it read), so of two bulk changes over
    /// overlapping filters at once each value is changed by one of them and counted once; a value already moved is
    /// skipped, not an error. A rejected value goes back to pending and its run is queued to ask the model again.
    /// </summary>
    public async Task<MatchingReviewResult> ReviewMatchingAsync(string userId, string runId, MatchingAction action, BlockValueFilter filter,
        bool dryRun, CancellationToken cancellationToken)
    {
        if (filter.Field is null != (filter.EqualsText is null)) throw StrataException.Validation("Give field and equals together.");
        int perCall;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
            var schema = await BlockSchemaService.FindAsync(session, blockRun.SchemaRef, blockRun.SchemaVersion, cancellationToken);
            perCall = schema.Definition.Block!.PromptConfig.EffectiveMaxBlocksPerCall;
        }
        var (matched, changed) = (0, 0);
        for (var after = -1; ;)
        {
            // A dry run only reads: it has no writer, and its session is a read one.
            await using var writer = dryRun ? null : await store.OpenWriteAsync(userId, cancellationToken);
            await using var reader = writer is null ? await store.OpenReadAsync(userId, cancellationToken) : null;
            IStoreReader session = writer ?? reader!;
            var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
            var staged = await session.Review.ListValuesAsync(runId, BlockValueStates.Staged, after, ConfirmBatch, cancellationToken);
            if (staged.Count == 0) break;
            after = staged[^1].BlockIndex;
            var types = filter.NeedsBlockType
                ? (await session.Review.ReadBlocksAsync(blockRun.DocumentId, staged[0].BlockIndex, after, cancellationToken)).ToDictionary(b => b.Index, b => b.BlockType)
                : null;
            var now = clock.GetUtcNow();
            var rejected = 0;
            foreach (var value in staged)
            {
                if (!filter.Matches(value, types?.GetValueOrDefault(value.BlockIndex))) continue;
                matched++;
                if (writer is null) continue;
                if (action == MatchingAction.Confirm)
                {
                    var confirmed = await ConfirmValueAsync(writer, value, value.ValueJson ?? "{}", edited: false, userId, now, cancellationToken);
                    if (await writer.Review.UpdateValueAsync(confirmed, BlockValueStates.Staged, cancellationToken)) changed++;
                }
                else if (await writer.Review.UpdateValueAsync(value with { State = BlockValueStates.Pending, UpdatedAt = now }, BlockValueStates.Staged, cancellationToken))
                {
                    await writer.Review.ReopenItemsAsync(runId, RunItemStatuses.Completed, value.BlockIndex, now, cancellationToken);
                    rejected++;
                }
            }
            if (writer is null) continue;
            if (rejected > 0) await WakeAsync(writer, runId, cancellationToken);
            changed += rejected;
            await writer.CommitAsync(cancellationToken);
        }
        var asked = action == MatchingAction.Reject ? (dryRun ? matched : changed) : 0;
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        var counts = await read.Review.CountAsync(ReviewScope.Run, runId, cancellationToken);
        return new MatchingReviewResult(runId, action.ToString().ToLowerInvariant(), dryRun, matched, changed, (asked + perCall - 1) / perCall, counts);
    }
}
