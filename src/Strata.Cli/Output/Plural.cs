namespace Strata.Cli.Output;

/// <summary>Counts in words for people: "1 observation", "2 observations", "1 entity", "0 entities".</summary>
internal static class Plural
{
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? Of(singular))}";

    private static string Of(string singular) =>
        singular.EndsWith('y') && !singular.EndsWith("ey", StringComparison.Ordinal) ? singular[..^1] + "ies" : singular + "s";
}
