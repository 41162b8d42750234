namespace Strata.Core.Runs.Items;

/// <summary>
/// One unit of work inside a run (a chunk of a source, later a block or a piece of a conversation): where it sits in the
/// source, how it ended, and what its calls cost. A call that carried several items (a pack) shares its tokens and cost
/// among them, so the sums over a run's items are the run's totals exactly.
/// </summary>
/// <param name="Start">Offset of the item's first character in the source text (UTF-16 code units).</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="CostNanos">Cost in billionths of a US dollar; null when the model has no price (tokens still count).</param>
/// <param name="Attempts">Times the item was claimed (a run retried after a crash claims its unfinished items again).</param>
/// <param name="Calls">Model calls that carried the item (a split pack calls again).</param>
/// <param name="RawOutput">The raw answer of the last call that tried it, kept for a failed item (for every item when configured).</param>
public sealed record RunItem(
    string RunId,
    int Index,
    string Status,
    int Start,
    int Length,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long? CostNanos,
    int Attempts,
    int Calls,
    string? Error,
    string? RawOutput,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinished => Status is RunItemStatuses.Completed or RunItemStatuses.Failed;

    public static RunItem Pending(string runId, int index, int start, int length, DateTimeOffset now) =>
        new(runId, index, RunItemStatuses.Pending, start, length, 0, 0, 0, 0, null, 0, 0, null, null, now);
}

public static class RunItemStatuses
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
