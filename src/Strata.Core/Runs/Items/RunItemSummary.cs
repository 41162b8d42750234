namespace Strata.Core.Runs.Items;

/// <summary>A run's items counted by status, with the tokens and cost of every call the run made.</summary>
/// <param name="CostNanos">Billionths of a US dollar; null when no call had a price.</param>
/// <param name="CostUnknownItems">Items whose calls had no price: the cost shown is then a lower bound.</param>
public sealed record RunItemSummary(
    int Total,
    int Pending,
    int Claimed,
    int Completed,
    int Failed,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long? CostNanos,
    int CostUnknownItems)
{
    public static readonly RunItemSummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);

    public int Finished => Completed + Failed;
}
