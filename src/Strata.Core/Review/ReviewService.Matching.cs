using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>What a bulk review does to each staged value it takes (an edit only as a one-block step: apply_bulk_change).</summary>
public enum MatchingAction
{
    Confirm,
    Reject,
    Edit,
}

public sealed partial class ReviewService
{
    public static MatchingAction ParseAction(string action) => action switch
    {
        "confirm" => MatchingAction.Confirm,
        "reject" => MatchingAction.Reject,
        _ => throw StrataException.Validation($"action must be confirm or reject (got '{action}')."),
    };

    /// <summary>A step's action (apply_bulk_change): confirm, reject, or edit (one block, with its new value).</summary>
    public static MatchingAction ParseStepAction(string action) => action == "edit" ? MatchingAction.Edit
        : action is "confirm" or "reject" ? ParseAction(action)
        : throw StrataException.Validation($"action must be confirm, reject or edit (got '{action}').");

    /// <summary>
    /// Confirms or rejects every staged value of a run that matches <paramref name="filter"/>, or with
    /// <paramref name="dryRun"/> only counts them and the model calls a reject would cost. The run's staged values are
    /// read in block order, <see cref="ConfirmBatch"/> at a time, and each page is one transaction: a crash keeps the
    /// pages committed before it and leaves the rest staged, so calling again finishes the job. Each value moves only
    /// from staged (<see cref="IReviewStore.UpdateValueAsync"/> checks the state it read), so of two bulk changes over
    /// overlapping filters at once each value is changed by one of them and counted once; a value already moved is
    /// skipped, not an error. A rejected value goes back to pending and its run is queued to ask the model again.
    /// Unless a dry run, it is recorded as ONE undoable bulk change (undo_bulk_change): the change's row is written with
    /// the first page and each page adds the blocks it moved in its own transaction, so after a crash the change names
    /// exactly the values that moved, and its undo takes back exactly those.
    /// </summary>
    public async Task<MatchingReviewResult> ReviewMatchingAsync(string userId, string runId, MatchingAction action, BlockValueFilter filter,
        bool dryRun, CancellationToken cancellationToken)
    {
        filter.Query.Validated();
        if (action == MatchingAction.Edit) throw StrataException.Validation("Everything matching a filter is confirmed or rejected, not edited.");
        int perCall;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
            var schema = await BlockSchemaService.FindAsync(session, blockRun.SchemaRef, blockRun.SchemaVersion, cancellationToken);
            perCall = schema.Definition.Block!.PromptConfig.EffectiveMaxBlocksPerCall;
        }
        var (matched, changed) = (0, 0);
        var changeId = dryRun ? null : StrataIds.NewBulkChange();
        var recorded = false;
        for (var after = -1; ;)
        {
            // A dry run only reads: it has no writer, and its session is a read one.
            await using var writer = dryRun ? null : await store.OpenWriteAsync(userId, cancellationToken);
            await using var reader = writer is null ? await store.OpenReadAsync(userId, cancellationToken) : null;
            IStoreReader session = writer ?? reader!;
            var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
            // The database filters (the query list_block_values takes) and pages by block index; only the exclusions are ours.
            var page = filter.Staged is { } query
                ? await session.Review.ListMatchingAsync(runId, blockRun.DocumentId, query, after, 0, ConfirmBatch, cancellationToken)
                : [];
            if (page.Count == 0) break;
            after = page[^1].Index;
            var now = clock.GetUtcNow();
            var rejected = 0;
            var moved = new List<BulkChangeBlock>();
            foreach (var value in page.Select(b => b.Value))
            {
                if (value is null || filter.Except.Contains(value.BlockIndex)) continue;
                matched++;
                if (writer is null) continue;
                if (action == MatchingAction.Confirm)
                {
                    var confirmed = await ConfirmValueAsync(writer, value, value.ValueJson ?? "{}", edited: false, userId, now, cancellationToken);
                    if (!await writer.Review.UpdateValueAsync(confirmed, BlockValueStates.Staged, cancellationToken)) continue;
                    changed++;
                    moved.Add(new BulkChangeBlock(value.BlockIndex, confirmed.ObservationId));
                }
                else if (await writer.Review.UpdateValueAsync(value with { State = BlockValueStates.Pending, UpdatedAt = now }, BlockValueStates.Staged, cancellationToken))
                {
                    await writer.Review.ReopenItemsAsync(runId, RunItemStatuses.Completed, value.BlockIndex, now, cancellationToken);
                    rejected++;
                    moved.Add(new BulkChangeBlock(value.BlockIndex, null));
                }
            }
            if (writer is null) continue;
            recorded = await RecordAsync(writer, changeId!, runId, action, moved, recorded, now, cancellationToken);
            if (rejected > 0) await WakeAsync(writer, runId, cancellationToken);
            changed += rejected;
            await writer.CommitAsync(cancellationToken);
            // After a page, for the crash test: a kill here must leave the change naming exactly this page's blocks.
            await HoldPoint.ReachedAsync("matching-page", cancellationToken);
        }
        if (changeId is not null && !recorded)
        {
            // Nothing was staged to match: still one step (of no block), so every non-dry call answers with a change to undo.
            await using var writer = await store.OpenWriteAsync(userId, cancellationToken);
            await RecordAsync(writer, changeId, runId, action, [], recorded: false, clock.GetUtcNow(), cancellationToken);
            await writer.CommitAsync(cancellationToken);
        }
        var asked = action == MatchingAction.Reject ? (dryRun ? matched : changed) : 0;
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        var counts = await read.Review.CountAsync(ReviewScope.Run, runId, cancellationToken);
        return new MatchingReviewResult(runId, action.ToString().ToLowerInvariant(), dryRun, matched, changed, (asked + perCall - 1) / perCall, counts, changeId);
    }

    /// <summary>The page's moved blocks into the change, in the page's transaction: the first page writes the change.</summary>
    private static async Task<bool> RecordAsync(IStoreSession writer, string changeId, string runId, MatchingAction action,
        IReadOnlyList<BulkChangeBlock> moved, bool recorded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (recorded) await writer.Review.AddBulkChangeBlocksAsync(changeId, moved, cancellationToken);
        else await writer.Review.InsertBulkChangeAsync(new BulkChange(changeId, runId, ActionName(action), now, null, moved), cancellationToken);
        return true;
    }
}
