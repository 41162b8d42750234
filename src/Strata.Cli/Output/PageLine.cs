namespace Strata.Cli.Output;

/// <summary>The line under a listed page: how many are shown, the total when it was asked for, and how to get the next page.</summary>
internal static class PageLine
{
    public static string Of(int shown, string singular, int? total, string? nextCursor, string suffix = "")
    {
        var count = total is null ? Plural.Count(shown, singular) : $"{shown} of {Plural.Count(total.Value, singular)}";
        var next = nextCursor is null ? "" : $"next page: --cursor {nextCursor}\n";
        return $"{count}{suffix}\n{next}";
    }
}
