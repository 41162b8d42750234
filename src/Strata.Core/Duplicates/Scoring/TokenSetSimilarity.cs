namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// Similarity of two texts as sets of words (0..1), each word matched to its most similar word on the other side
/// by Jaro-Winkler and the two directions averaged (Monge-Elkan, symmetrised). Word order, a missing flat name or
/// a typo in one word then cost little, which is how addresses of one place differ.
/// </summary>
public static class TokenSetSimilarity
{
    public static double? Similarity(string a, string b)
    {
        var left = Tokens(a);
        var right = Tokens(b);
        if (left.Length == 0 || right.Length == 0) return null;
        return (Directed(left, right) + Directed(right, left)) / 2;
    }

    public static string[] Tokens(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', '/', '\t', '\n', '\r', '#'], StringSplitOptions.RemoveEmptyEntries);

    private static double Directed(string[] from, string[] to)
    {
        var total = 0.0;
        foreach (var word in from)
        {
            var best = 0.0;
            foreach (var other in to)
            {
                best = Math.Max(best, JaroWinkler.Similarity(word, other));
                if (best == 1) break;
            }
            total += best;
        }
        return total / from.Length;
    }
}
