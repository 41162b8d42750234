namespace Strata.Core.Recall;

/// <summary>
/// Weighted reciprocal rank fusion over the union of every signal's list: a candidate's score is the sum, over the lists
/// that hold it, of the list's weight / (k + its rank). Only ranks are fused, never raw scores, so BM25's scale, a
/// timestamp and a vote count need no common unit (and a negated score could not invert the order). Ties break by key,
/// so the order is the same on every database and every run.
/// </summary>
public static class RecallFusion
{
    public sealed record Fused(string Key, double Score, IReadOnlyDictionary<string, double> Scores);

    public static IReadOnlyList<Fused> Fuse(IEnumerable<RankedList> lists, IReadOnlyDictionary<string, double> weights, double k)
    {
        var fused = new Dictionary<string, (double Score, Dictionary<string, double> Scores)>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var weight = weights.GetValueOrDefault(list.Signal, 1.0);
            for (var rank = 0; rank < list.Items.Count; rank++)
            {
                var (key, score) = list.Items[rank];
                if (!fused.TryGetValue(key, out var entry)) entry = (0, new Dictionary<string, double>(StringComparer.Ordinal));
                entry.Scores[list.Signal] = Math.Round(score, 6);
                fused[key] = (entry.Score + weight / (k + rank + 1), entry.Scores);
            }
        }
        return fused.Select(f => new Fused(f.Key, f.Value.Score, f.Value.Scores))
            .OrderByDescending(f => f.Score).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
    }
}
