namespace Strata.Core.Duplicates;

/// <summary>
/// Similarity of two normalised canonical names as 1 − (edit distance ÷ the longer length): 1 for equal names,
/// 0.9 for "jon smith" and "john smith". Edits are what typos and spelling variants are, and the score reads plainly.
/// </summary>
public static class NameSimilarity
{
    public static double Score(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0) return 1;
        return 1 - (double)Distance(a, b, longer) / longer;
    }

    /// <summary>Whether the score can reach <paramref name="threshold"/> given the lengths alone (the cheap filter).</summary>
    public static bool CanReach(int lengthA, int lengthB, double threshold)
    {
        var longer = Math.Max(lengthA, lengthB);
        return longer == 0 || 1 - (double)Math.Abs(lengthA - lengthB) / longer >= threshold;
    }

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="bound"/> (then returning bound + 1).</summary>
    public static int Distance(string a, string b, int bound)
    {
        if (a.Length < b.Length) (a, b) = (b, a);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > bound) return bound + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
