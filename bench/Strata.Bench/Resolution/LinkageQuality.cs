namespace Strata.Bench.Resolution;

/// <summary>Precision, recall and F1 of suggested pairs against Febrl's ground truth (one person per record number).</summary>
public sealed record LinkageQuality(double Threshold, int Suggested, int Correct, int TruePairs)
{
    public double Precision => Suggested == 0 ? 1 : (double)Correct / Suggested;

    public double Recall => TruePairs == 0 ? 1 : (double)Correct / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Pairs of records that are one person.</summary>
    public static long TruePairCount(IEnumerable<string> persons) =>
        persons.GroupBy(p => p).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);

    public static LinkageQuality At(double threshold, IEnumerable<(string PersonA, string PersonB, double Score)> pairs, long truePairs)
    {
        var suggested = 0;
        var correct = 0;
        foreach (var (a, b, score) in pairs)
        {
            if (score < threshold) continue;
            suggested++;
            if (a == b) correct++;
        }
        return new LinkageQuality(threshold, suggested, correct, (int)truePairs);
    }
}
