using Strata.Core.Entities;

namespace Strata.Core.Duplicates;

/// <summary>Finds pairs of one type's entities whose normalised canonical names are at least as similar as the threshold.</summary>
public static class DuplicateDetector
{
    public static IReadOnlyList<DuplicatePair> FindPairs(string entityType, IReadOnlyList<NamedEntity> entities, double threshold)
    {
        // Sorted by length, each name is compared only with the longer names the length filter lets through:
        // a name can only be 85 % similar to one at most ~18 % longer.
        var names = entities
            .Where(e => !e.CanonicalName.StartsWith('#')) // "#…" names are digests of nameless records: alike by chance, not by meaning
            .Select(e => (e.Id, Name: CanonicalNames.Normalize(e.CanonicalName)))
            .Where(e => e.Name.Length > 0)
            .OrderBy(e => e.Name.Length).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var pairs = new List<DuplicatePair>();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count && NameSimilarity.CanReach(names[i].Name.Length, names[j].Name.Length, threshold); j++)
            {
                var score = NameSimilarity.Score(names[i].Name, names[j].Name);
                if (score < threshold) continue;
                var (a, b) = string.CompareOrdinal(names[i].Id, names[j].Id) < 0 ? (names[i].Id, names[j].Id) : (names[j].Id, names[i].Id);
                pairs.Add(new DuplicatePair(entityType, a, b, Math.Round(score, 4)));
            }
        }
        return pairs;
    }
}
