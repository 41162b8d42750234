namespace Strata.Core.Extraction.Packing;

/// <summary>Groups items, in order, into packs under the caps. Greedy and linear: an item that does not fit the
/// current pack starts the next one; an item over a cap on its own gets a pack to itself (the call may still
/// succeed, and if not, it fails alone with its raw output).</summary>
public static class PackPlanner
{
    public static IReadOnlyList<IReadOnlyList<WorkItem>> Plan(IEnumerable<WorkItem> items, PackCaps caps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(caps.MaxItems, 1);
        var packs = new List<IReadOnlyList<WorkItem>>();
        var current = new List<WorkItem>();
        long input = 0, output = 0;
        foreach (var item in items)
        {
            var fits = current.Count < caps.MaxItems
                && input + item.InputTokens <= caps.MaxInputTokens
                && output + item.ExpectedOutputTokens <= caps.MaxOutputTokens;
            if (!fits && current.Count > 0)
            {
                packs.Add(current);
                current = [];
                input = output = 0;
            }
            current.Add(item);
            input += item.InputTokens;
            output += item.ExpectedOutputTokens;
        }
        if (current.Count > 0) packs.Add(current);
        return packs;
    }
}
