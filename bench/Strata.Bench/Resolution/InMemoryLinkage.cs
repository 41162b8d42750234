using Strata.Core.Duplicates.Scoring;

namespace Strata.Bench.Resolution;

/// <summary>
/// The scan's blocking and scoring run over records in memory (the same classes the store-backed scan uses), to
/// draw the precision/recall curve over every threshold (the store keeps only pairs above its threshold) and to
/// count candidate pairs against all pairs.
/// </summary>
public sealed class InMemoryLinkage(DuplicateScoring scoring, int neighbourhood, int maxBlock)
{
    public IReadOnlyList<(int A, int B, double Score)> ScoredCandidates(IReadOnlyList<FebrlRecord> records)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sortKeys = new List<(string Key, int Index)>();
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var key in BlockingKeys.For(scoring, records[i].Fields))
            {
                if (key.StartsWith(BlockingKeys.NeighbourhoodPrefix, StringComparison.Ordinal)) sortKeys.Add((key, i));
                else (blocks.TryGetValue(key, out var members) ? members : blocks[key] = []).Add(i);
            }
        }
        var pairs = new HashSet<(int, int)>();
        foreach (var members in blocks.Values)
        {
            // Like the store: each record meets at most maxBlock others of one key.
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = Math.Max(0, i - maxBlock); j < i; j++) pairs.Add((Math.Min(members[i], members[j]), Math.Max(members[i], members[j])));
            }
        }
        sortKeys.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        for (var i = 0; i < sortKeys.Count; i++)
        {
            for (var j = i + 1; j < Math.Min(sortKeys.Count, i + 1 + neighbourhood); j++)
            {
                var (a, b) = (sortKeys[i].Index, sortKeys[j].Index);
                if (a != b) pairs.Add((Math.Min(a, b), Math.Max(a, b)));
            }
        }
        var scorer = new PairScorer(scoring);
        var prepared = records.Select(r => scorer.Prepare(r.Fields)).ToList();
        return pairs.Select(p => (p.Item1, p.Item2, scorer.Score(prepared[p.Item1], prepared[p.Item2]).Score)).ToList();
    }
}
