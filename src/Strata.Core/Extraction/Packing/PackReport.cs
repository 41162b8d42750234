namespace Strata.Core.Extraction.Packing;

/// <summary>Everything a pack's execution produced: one outcome per item, in the pack's order, and every call.</summary>
public sealed record PackReport(IReadOnlyList<ItemOutcome> Items, IReadOnlyList<CallRecord> Calls)
{
    public int Completed => Items.Count(i => i.Completed);

    public int Failed => Items.Count(i => !i.Completed);
}
