using Strata.Core.Runs.Items;

namespace Strata.Core.Operations;

/// <summary>A run's items in summary: counts by status, tokens and cost of every call, and the first failed items.</summary>
/// <param name="CostUsd">Null when no call had a price; a lower bound when <paramref name="CostUnknownItems"/> is above 0.</param>
public sealed record RunItemsView(
    int Total,
    int Pending,
    int Claimed,
    int Completed,
    int Failed,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    decimal? CostUsd,
    int CostUnknownItems,
    IReadOnlyList<RunItemView> Failures)
{
    public const int MaxFailuresShown = 10;

    public static RunItemsView Of(RunItemSummary summary, IReadOnlyList<RunItem> failures) => new(summary.Total, summary.Pending, summary.Claimed,
        summary.Completed, summary.Failed, summary.InputTokens, summary.OutputTokens, summary.CacheReadTokens, summary.CacheWriteTokens,
        RunItemView.Usd(summary.CostNanos), summary.CostUnknownItems, failures.Select(RunItemView.Of).ToList());
}

/// <summary>One run item: where it sits in the source, how it ended, what it cost; a failed one with its error and raw output.</summary>
public sealed record RunItemView(
    int Index,
    string Status,
    int CharStart,
    int CharLength,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    decimal? CostUsd,
    int Attempts,
    int Calls,
    string? Error,
    string? RawOutput,
    DateTimeOffset UpdatedAt)
{
    public static RunItemView Of(RunItem item) => new(item.Index, item.Status, item.Start, item.Length, item.InputTokens, item.OutputTokens,
        item.CacheReadTokens, item.CacheWriteTokens, Usd(item.CostNanos), item.Attempts, item.Calls, item.Error, item.RawOutput, item.UpdatedAt);

    public static decimal? Usd(long? nanos) => nanos is { } n ? n / 1_000_000_000m : null;
}

/// <summary>A page of a run's items in index order: <see cref="NextCursor"/> continues it; <see cref="Total"/> only when asked for.</summary>
public sealed record RunItemList(string RunId, IReadOnlyList<RunItemView> Items, string? NextCursor, int? Total);
