namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// Jaro-Winkler similarity (0..1): the string comparator record linkage uses for names, because it forgives the
/// transpositions and late typos people make while rewarding an agreeing start (names are rarely misspelt first).
/// </summary>
public static class JaroWinkler
{
    private const double PrefixScale = 0.1;
    private const int MaxPrefix = 4;

    public static double Similarity(string a, string b)
    {
        var jaro = Jaro(a, b);
        var prefix = 0;
        while (prefix < MaxPrefix && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * PrefixScale * (1 - jaro);
    }

    public static double Jaro(string a, string b)
    {
        if (a == b) return 1;
        if (a.Length == 0 || b.Length == 0) return 0;
        var window = Math.Max(Math.Max(a.Length, b.Length) / 2 - 1, 0);
        Span<bool> matchedA = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> matchedB = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var end = Math.Min(b.Length, i + window + 1);
            for (var j = Math.Max(0, i - window); j < end; j++)
            {
                if (matchedB[j] || a[i] != b[j]) continue;
                matchedA[i] = matchedB[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var halfTranspositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!matchedA[i]) continue;
            while (!matchedB[k]) k++;
            if (a[i] != b[k]) halfTranspositions++;
            k++;
        }
        double m = matches;
        return (m / a.Length + m / b.Length + (m - halfTranspositions / 2.0) / m) / 3;
    }
}
