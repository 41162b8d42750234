using Strata.Core.Duplicates.Scoring;

namespace Strata.Core.Schemas;

/// <summary>Checks a schema's duplicate-scoring section: known comparators on declared fields, probabilities that
/// make a weight (0 &lt; u &lt; m &lt; 1), thresholds between 0 and 1.</summary>
internal static class DuplicateScoringValidator
{
    public static void Check(SchemaDefinition schema, List<string> problems)
    {
        if (schema.Duplicates is not { } scoring) return;
        if (scoring.Fields is null || scoring.Fields.Count == 0) problems.Add("duplicates.fields must name at least one field");
        foreach (var (name, rule) in scoring.Fields ?? new Dictionary<string, FieldScoring>())
        {
            if (schema.Fields is null || !schema.Fields.ContainsKey(name)) problems.Add($"duplicates.fields names '{name}', which is not a declared field");
            if (rule is null) { problems.Add($"duplicates.fields.{name} has no definition"); continue; }
            if (!Comparators.All.Contains(rule.Comparator ?? "")) problems.Add($"duplicates.fields.{name}: comparator must be one of {string.Join(", ", Comparators.All)}");
            var defaults = Comparators.Defaults(rule.Comparator ?? "");
            var m = rule.M ?? defaults.M;
            var u = rule.U ?? defaults.U;
            if (!(u > 0 && u < m && m < 1)) problems.Add($"duplicates.fields.{name}: m and u must satisfy 0 < u < m < 1 (got m={m}, u={u})");
        }
        if (scoring.Swap is { } swap && (swap.Count != 2 || swap.Any(f => scoring.Fields?.TryGetValue(f, out var r) != true || r?.Comparator != Comparators.Name)))
        {
            problems.Add("duplicates.swap must name two fields compared with the name comparator");
        }
        CheckFraction("duplicates.threshold", scoring.Threshold, problems);
        CheckFraction("duplicates.auto_merge_threshold", scoring.AutoMergeThreshold, problems);
        if (scoring.AutoMergeThreshold < scoring.Threshold) problems.Add("duplicates.auto_merge_threshold must not be below duplicates.threshold");
    }

    private static void CheckFraction(string name, double? value, List<string> problems)
    {
        if (value is { } v && !(v > 0 && v <= 1)) problems.Add($"{name} must be above 0 and at most 1");
    }
}
