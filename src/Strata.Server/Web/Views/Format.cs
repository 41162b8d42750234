namespace Strata.Server.Web.Views;

/// <summary>How the page writes times and counts: UTC, to the minute, the same for every reader.</summary>
internal static class Format
{
    /// <summary>"1 block run", "2 block runs", "1 entity", "3 entities": a count with its noun, given in the plural.</summary>
    public static string Count(long count, string plural) =>
        $"{count} {(count != 1 ? plural : plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y" : plural.TrimEnd('s'))}";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
