namespace Strata.Server.Web.Views;

/// <summary>How the page writes times and counts: UTC, to the minute, the same for every reader.</summary>
internal static class Format
{
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
