namespace Strata.Core.Review;

/// <summary>
/// One undoable review step over a selection of a run's blocks (apply_bulk_change): the blocks it moved, each with the
/// observation its confirm wrote, so undo_bulk_change can take exactly that step back. Undone once, at most.
/// </summary>
public sealed record BulkChange(string ChangeId, string RunId, string Action, DateTimeOffset CreatedAt, DateTimeOffset? UndoneAt,
    IReadOnlyList<BulkChangeBlock> Blocks);

/// <summary>A block a bulk change moved; <paramref name="ObservationId"/> is the observation a confirm or an edit wrote (null for a
/// reject), <paramref name="PreviousValueJson"/> the staged value an edit replaced (null otherwise), which its undo puts back.</summary>
public sealed record BulkChangeBlock(int BlockIndex, string? ObservationId, string? PreviousValueJson = null);
