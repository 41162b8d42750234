using System.Text.Json;

namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// Scores two records of one type field by field and sums Fellegi–Sunter weights: a field that agrees adds
/// log2(m/u), one that disagrees adds log2((1−m)/(1−u)), a partial agreement lies in between by its similarity, and
/// a field missing on either side adds nothing. The sum, with prior odds of 1:32 that two blocked records are one,
/// becomes the match probability that is the pair's score.
/// </summary>
public sealed class PairScorer(DuplicateScoring scoring)
{
    /// <summary>log2 of the prior odds that two records sharing a blocking key are one.</summary>
    public const double PriorLog2Odds = -5;

    /// <summary>How much better the crossed name similarities must be than the straight ones to call the names swapped.</summary>
    private const double SwapMargin = 0.1;

    public DuplicateScoring Scoring => scoring;

    public PairScore Score(IReadOnlyDictionary<string, JsonElement> a, IReadOnlyDictionary<string, JsonElement> b) => Score(Prepare(a), Prepare(b));

    /// <summary>A record's compared values, normalised once: a scan compares each entity with several others.</summary>
    public PreparedRecord Prepare(IReadOnlyDictionary<string, JsonElement> fields) =>
        new(scoring.Fields.ToDictionary(f => f.Key, f => FieldValues.Of(fields, f.Key, f.Value.Comparator), StringComparer.Ordinal));

    public PairScore Score(PreparedRecord a, PreparedRecord b)
    {
        var agreements = new List<FieldAgreement>();
        var crossed = Swapped(a, b);
        foreach (var (field, rule) in scoring.Fields)
        {
            var other = crossed is not null && crossed.TryGetValue(field, out var swappedWith) ? swappedWith : field;
            var left = a.Values[field];
            var right = b.Values[other];
            if (left.Count == 0 || right.Count == 0) continue; // missing neither helps nor hurts
            var (similarity, kind) = Best(left, right, rule.Comparator);
            agreements.Add(Agreement(field, rule, similarity, kind));
        }
        if (crossed is not null) agreements.Add(new FieldAgreement("name_order", 1, 0, "swapped"));
        var weight = agreements.Sum(x => x.Weight);
        return new PairScore(Probability(weight), weight, agreements);
    }

    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -(weight + PriorLog2Odds)));

    private static FieldAgreement Agreement(string field, FieldScoring rule, double similarity, string? kind)
    {
        var defaults = Comparators.Defaults(rule.Comparator);
        var m = rule.M ?? defaults.M;
        var u = rule.U ?? defaults.U;
        var agree = Math.Log2(m / u);
        var disagree = Math.Log2((1 - m) / (1 - u));
        if (similarity >= defaults.High) return new(field, similarity, agree, similarity >= 1 ? "agree" : kind);
        if (similarity <= defaults.Low) return new(field, similarity, disagree, "disagree");
        var share = (similarity - defaults.Low) / (defaults.High - defaults.Low);
        return new(field, similarity, disagree + (agree - disagree) * share, kind);
    }

    private static (double Similarity, string? Kind) Best(IReadOnlyList<string> left, IReadOnlyList<string> right, string comparator)
    {
        (double Similarity, string? Kind) best = (0, null);
        foreach (var x in left)
        {
            foreach (var y in right)
            {
                var next = Compare(x, y, comparator);
                if (next.Similarity > best.Similarity) best = next;
                if (best.Similarity >= 1) return best;
            }
        }
        return best;
    }

    public static (double Similarity, string? Kind) Compare(string a, string b, string comparator) => comparator switch
    {
        Comparators.Name => (JaroWinkler.Similarity(a, b), null),
        Comparators.Date => DateAgreement.Compare(a, b),
        Comparators.TokenSet => (TokenSetSimilarity.Similarity(a, b) ?? 0, null),
        _ => (a == b ? 1 : 0, null),
    };

    /// <summary>When both records have both swap fields and they match better crossed than straight, which field
    /// of <c>b</c> each of <c>a</c>'s is compared with.</summary>
    private Dictionary<string, string>? Swapped(PreparedRecord a, PreparedRecord b)
    {
        if (scoring.Swap is not [var first, var second]) return null;
        if (First(a, first) is not { } a1 || First(a, second) is not { } a2 || First(b, first) is not { } b1 || First(b, second) is not { } b2) return null;
        var straight = JaroWinkler.Similarity(a1, b1) + JaroWinkler.Similarity(a2, b2);
        var cross = JaroWinkler.Similarity(a1, b2) + JaroWinkler.Similarity(a2, b1);
        if (cross <= straight + SwapMargin) return null;
        return new Dictionary<string, string> { [first] = second, [second] = first };
    }

    private static string? First(PreparedRecord record, string field) =>
        record.Values.TryGetValue(field, out var values) && values.Count > 0 ? values[0] : null;
}

/// <summary>A record's compared values by field, normalised for each field's comparator.</summary>
public sealed record PreparedRecord(IReadOnlyDictionary<string, IReadOnlyList<string>> Values);

/// <summary>A pair's match probability (0..1), its total weight in bits, and how each compared field agreed.</summary>
public sealed record PairScore(double Score, double Weight, IReadOnlyList<FieldAgreement> Fields);
