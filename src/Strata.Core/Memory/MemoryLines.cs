using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Memory;

/// <summary>The lines MEMORY.md can show, per section in order: most recently updated, then most supported first.</summary>
internal static class MemoryLines
{
    /// <summary>Entities read per section: the budget is spent long before.</summary>
    private const int PerSection = Paging.MaxLimit;

    public static async Task<List<Queue<(Snapshot Snapshot, string Line)>>> ReadAsync(IStoreReader session, CancellationToken cancellationToken)
    {
        var candidates = new List<Queue<(Snapshot, string)>>();
        foreach (var section in MemorySections.All)
        {
            var lines = new List<(Snapshot, string)>();
            foreach (var type in section.Types)
            {
                var page = await session.Entities.QueryAsync(new EntityQuery(type, null, false, new Paging(PerSection)), cancellationToken);
                lines.AddRange(page.Items.Select(s => (s, section.Line(s))).Where(l => l.Item2 is not null).Select(l => (l.s, l.Item2!)));
            }
            candidates.Add(new Queue<(Snapshot, string)>(lines
                .OrderByDescending(l => l.Item1.UpdatedAt).ThenByDescending(l => l.Item1.ObservationCount).ThenBy(l => l.Item1.EntityId, StringComparer.Ordinal)));
        }
        return candidates;
    }
}
