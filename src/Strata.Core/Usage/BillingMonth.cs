using System.Globalization;

namespace Strata.Core.Usage;

/// <summary>Calendar months in UTC, from the injected clock: <c>2024-03</c> runs from 2024-03-01T00:00Z to 2024-04-01T00:00Z.</summary>
public static class BillingMonth
{
    public static string Of(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>When the month containing <paramref name="now"/> ends and counting starts again.</summary>
    public static DateTimeOffset ResetsAt(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }
}
