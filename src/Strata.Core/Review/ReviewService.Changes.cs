using System.Text.Json;
using Strata.Core.Deletions;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Review;

public sealed partial class ReviewService
{
    /// <summary>Blocks one bulk change may name: a selection in the grid, held in one transaction.</summary>
    public const int MaxBulkChangeBlocks = 1000;

    /// <summary>
    /// Confirms or rejects the selected blocks of a run as ONE step, in one transaction: every selected staged value moves
    /// and the step is recorded (bulk_changes, with each block and the observation its confirm wrote), or, if the process
    /// dies first, nothing moved and nothing is recorded. Blocks not staged are left as they were and listed. Each value
    /// moves only from staged (<see cref="IReviewStore.UpdateValueAsync"/> checks it), so of two changes over one block at
    /// once, one moves it. The step's id is what <see cref="UndoBulkChangeAsync"/> takes back.
    /// An edit is a step of one staged block: <paramref name="edit"/> replaces its value (checked against the schema) and is
    /// confirmed as the person's correction; its undo puts the model's staged value back.
    /// The run's counts after cost a count of all its blocks: <paramref name="withCounts"/> false leaves them out (null), so a
    /// one-block step (the grid's Enter) costs the same at 100 blocks as at 100,000.
    /// </summary>
    public async Task<BulkChangeResult> ApplyBulkChangeAsync(string userId, string runId, MatchingAction action, IReadOnlyCollection<int> blocks,
        CancellationToken cancellationToken, JsonElement? edit = null, bool withCounts = true)
    {
        if (blocks.Count == 0) throw StrataException.Validation("blocks names no block: select at least one.");
        if (edit is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }) edit = null;
        if ((action == MatchingAction.Edit) != edit.HasValue) throw StrataException.Validation("Give value with the action edit, and only with it.");
        if (action == MatchingAction.Edit && blocks.Count != 1) throw StrataException.Validation("An edit is a step of one block: name exactly one.");
        if (blocks.Count > MaxBulkChangeBlocks) throw StrataException.Validation($"blocks names {blocks.Count} blocks; one bulk change takes at most {MaxBulkChangeBlocks}.");
        if (blocks.Any(b => b < 0)) throw StrataException.Validation("blocks holds block indexes (0 or more).");
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
        var schema = await BlockSchemaService.FindAsync(session, blockRun.SchemaRef, blockRun.SchemaVersion, cancellationToken);
        var perCall = schema.Definition.Block!.PromptConfig.EffectiveMaxBlocksPerCall;
        var edited = edit is { } given ? BlockValues.Check(given, schema.Definition) : null;
        var now = clock.GetUtcNow();
        var moved = new List<BulkChangeBlock>();
        var unchanged = new List<int>();
        var ordered = blocks.Distinct().Order().ToList();
        foreach (var index in ordered)
        {
            // Half-way through, for the crash test: a kill here must leave the first half unmoved too.
            if (moved.Count == ordered.Count / 2 && moved.Count > 0) await HoldPoint.ReachedAsync("bulk-change", cancellationToken);
            var value = await session.Review.GetValueAsync(runId, index, cancellationToken);
            if (value is not { State: BlockValueStates.Staged })
            {
                unchanged.Add(index);
                continue;
            }
            var changed = action switch
            {
                MatchingAction.Confirm => await ConfirmValueAsync(session, value, value.ValueJson ?? "{}", edited: false, userId, now, cancellationToken),
                MatchingAction.Edit => await ConfirmValueAsync(session, value, edited!, edited: true, userId, now, cancellationToken),
                _ => value with { State = BlockValueStates.Pending, UpdatedAt = now },
            };
            if (!await session.Review.UpdateValueAsync(changed, BlockValueStates.Staged, cancellationToken))
            {
                // An edit's correction is already written (its id is new each time): the whole step goes back, as edit_block_value does.
                if (action == MatchingAction.Edit) throw new StrataException(ErrorCodes.ReviewStateConflict, $"Block {index} changed meanwhile; read it again.");
                unchanged.Add(index);
                continue;
            }
            if (action == MatchingAction.Reject) await session.Review.ReopenItemsAsync(runId, RunItemStatuses.Completed, index, now, cancellationToken);
            moved.Add(new BulkChangeBlock(index, changed.ObservationId, action == MatchingAction.Edit ? value.ValueJson : null));
        }
        var change = new BulkChange(StrataIds.NewBulkChange(), runId, ActionName(action), now, null, moved);
        await session.Review.InsertBulkChangeAsync(change, cancellationToken);
        if (action == MatchingAction.Reject && moved.Count > 0) await WakeAsync(session, runId, cancellationToken);
        if (action != MatchingAction.Reject && moved.Count > 0) await Webhooks.ReviewEvents.ConfirmedIfLastAsync(session, runId, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        var counts = withCounts ? await CountRunAsync(userId, runId, cancellationToken) : null;
        var asked = action == MatchingAction.Reject ? moved.Count : 0;
        return new BulkChangeResult(change.ChangeId, runId, change.Action, moved.Select(b => b.BlockIndex).ToList(), unchanged,
            (asked + perCall - 1) / perCall, counts);
    }

    /// <summary>
    /// Takes a bulk change back, in one transaction: the change is marked undone first (of two undos at once, one finds it
    /// still to undo; the other is told it was undone), then each block it moved that is still as the change left it goes
    /// back to staged. A confirm's block loses the observation it wrote (and the entity settles: its snapshot is computed
    /// again, or it goes if nothing else observes it); a reject's block gets its value back if the model has not been
    /// asked again yet (its item still pending). Blocks moved on since (edited, confirmed or answered again) are left as
    /// they are and listed.
    /// </summary>
    public async Task<UndoBulkChangeResult> UndoBulkChangeAsync(string userId, string changeId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var change = await session.Review.GetBulkChangeAsync(changeId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.BulkChangeNotFound, $"No bulk change {changeId}.");
        var now = clock.GetUtcNow();
        if (!await session.Review.MarkBulkChangeUndoneAsync(changeId, now, cancellationToken))
        {
            throw new StrataException(ErrorCodes.ReviewStateConflict, $"Bulk change {changeId} was already undone.");
        }
        var undone = new List<int>();
        var left = new List<int>();
        var entities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in change.Blocks)
        {
            var value = await session.Review.GetValueAsync(change.RunId, block.BlockIndex, cancellationToken);
            var back = change.Action == ActionName(MatchingAction.Reject)
                ? await UndoRejectAsync(session, value, now, cancellationToken)
                : await UndoConfirmAsync(session, value, block, now, entities, cancellationToken);
            (back ? undone : left).Add(block.BlockIndex);
        }
        await EntityRemoval.SettleAsync(session, entities, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new UndoBulkChangeResult(changeId, change.RunId, change.Action, undone, left, await CountRunAsync(userId, change.RunId, cancellationToken));
    }

    private static async Task<bool> UndoConfirmAsync(IStoreSession session, BlockValue? value, BulkChangeBlock block, DateTimeOffset now,
        HashSet<string> entities, CancellationToken cancellationToken)
    {
        // Still the confirm this change made: an edit or a later confirm wrote another observation.
        if (value is not { State: BlockValueStates.Confirmed } || value.ObservationId != block.ObservationId || block.ObservationId is null) return false;
        var staged = value with
        {
            State = BlockValueStates.Staged, ConfirmedBy = null, ConfirmedAt = null, ObservationId = null, EntityId = null, UpdatedAt = now,
        };
        // An edit's undo: the staged value it replaced comes back, without the person's marks.
        if (block.PreviousValueJson is { } previous) staged = staged with { ValueJson = previous, Edited = false, EditedBy = null, EditedAt = null };
        if (!await session.Review.UpdateValueAsync(staged, BlockValueStates.Confirmed, cancellationToken)) return false;
        var removed = await session.Deletions.DeleteObservationsAsync(ObservationSelection.One(block.ObservationId), cancellationToken);
        foreach (var entity in removed.Entities)
        {
            entities.Add(entity);
            await session.Deletions.DeleteUnobservedFragmentsAsync(value.RunId, entity, cancellationToken);
        }
        return true;
    }

    private static async Task<bool> UndoRejectAsync(IStoreSession session, BlockValue? value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only while the model has not been asked again: a claimed item is being answered, a new answer is staged anew.
        if (value is not { State: BlockValueStates.Pending }) return false;
        if (!await session.Review.CompleteItemAsync(value.RunId, value.BlockIndex, now, cancellationToken)) return false;
        return await session.Review.UpdateValueAsync(value with { State = BlockValueStates.Staged, UpdatedAt = now }, BlockValueStates.Pending, cancellationToken);
    }

    private static string ActionName(MatchingAction action) => action.ToString().ToLowerInvariant();

    private async Task<ReviewCounts> CountRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        return await read.Review.CountAsync(ReviewScope.Run, runId, cancellationToken);
    }
}
