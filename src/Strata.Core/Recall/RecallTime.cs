using System.Globalization;
using System.Text.RegularExpressions;

namespace Strata.Core.Recall;

/// <summary>
/// The time a question names, read against a reference time (now, or the question's as_of): "in May 2023", "May 2023",
/// "in 2023", "on 2023-05-08", "last spring" (and the other seasons, northern), "last week|month|year", "this
/// week|month|year", "yesterday", "N days|weeks|months|years ago", "last Monday". The first such phrase wins; a question
/// naming none has no window. Recall boosts messages inside the window; it never drops the others (a question's time is
/// often loose).
/// </summary>
public static partial class RecallTime
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12].Select(m => m.ToLowerInvariant()).ToArray();

    public static RecallTimeWindow? Read(string question, DateTimeOffset now)
    {
        var text = question.ToLowerInvariant();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (IsoDate().Match(text) is { Success: true } iso
            && DateTimeOffset.TryParse(iso.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            return new RecallTimeWindow(iso.Value, day, day.AddDays(1));
        }
        if (MonthYear().Match(text) is { Success: true } monthYear)
        {
            var month = Array.IndexOf(Months, monthYear.Groups[1].Value) + 1;
            var year = int.Parse(monthYear.Groups[2].Value, CultureInfo.InvariantCulture);
            var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
            return new RecallTimeWindow(monthYear.Value, start, start.AddMonths(1));
        }
        if (Ago().Match(text) is { Success: true } ago)
        {
            var n = Number(ago.Groups[1].Value);
            var unit = ago.Groups[2].Value;
            var at = unit.StartsWith("day", StringComparison.Ordinal) ? today.AddDays(-n)
                : unit.StartsWith("week", StringComparison.Ordinal) ? today.AddDays(-7 * n)
                : unit.StartsWith("month", StringComparison.Ordinal) ? today.AddMonths(-n) : today.AddYears(-n);
            // "two weeks ago" is loose: half the unit either side.
            var half = unit.StartsWith("day", StringComparison.Ordinal) ? TimeSpan.FromDays(1)
                : unit.StartsWith("week", StringComparison.Ordinal) ? TimeSpan.FromDays(4)
                : unit.StartsWith("month", StringComparison.Ordinal) ? TimeSpan.FromDays(16) : TimeSpan.FromDays(183);
            return new RecallTimeWindow(ago.Value, at - half, at + half + TimeSpan.FromDays(1));
        }
        if (Relative().Match(text) is { Success: true } relative)
        {
            var last = relative.Groups[1].Value == "last";
            var unit = relative.Groups[2].Value;
            return unit switch
            {
                "week" => Window(relative.Value, WeekStart(today).AddDays(last ? -7 : 0), 7),
                "month" => new RecallTimeWindow(relative.Value, MonthStart(today).AddMonths(last ? -1 : 0), MonthStart(today).AddMonths(last ? 0 : 1)),
                "year" => new RecallTimeWindow(relative.Value, YearStart(today).AddYears(last ? -1 : 0), YearStart(today).AddYears(last ? 0 : 1)),
                "spring" or "summer" or "autumn" or "fall" or "winter" => Season(relative.Value, unit, today, last),
                _ => Weekday(relative.Value, unit, today),
            };
        }
        if (text.Contains("yesterday", StringComparison.Ordinal)) return Window("yesterday", today.AddDays(-1), 1);
        if (Year().Match(text) is { Success: true } named)
        {
            var start = new DateTimeOffset(int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero);
            return new RecallTimeWindow(named.Value.Trim(), start, start.AddYears(1));
        }
        return null;
    }

    private static RecallTimeWindow Window(string expression, DateTimeOffset from, int days) => new(expression, from, from.AddDays(days));

    private static DateTimeOffset WeekStart(DateTimeOffset day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    private static DateTimeOffset MonthStart(DateTimeOffset day) => new(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset YearStart(DateTimeOffset day) => new(day.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Meteorological seasons (spring March-May, …); "last spring" is the latest spring that has begun before
    /// the current one (or before today, outside spring).</summary>
    private static RecallTimeWindow Season(string expression, string season, DateTimeOffset today, bool last)
    {
        var firstMonth = season switch { "spring" => 3, "summer" => 6, "autumn" or "fall" => 9, _ => 12 };
        var start = new DateTimeOffset(today.Year, firstMonth, 1, 0, 0, 0, TimeSpan.Zero);
        while (start > today) start = start.AddYears(-1);
        var inIt = today < start.AddMonths(3);
        if (last && inIt) start = start.AddYears(-1);
        return new RecallTimeWindow(expression, start, start.AddMonths(3));
    }

    private static RecallTimeWindow Weekday(string expression, string name, DateTimeOffset today)
    {
        var target = Enum.Parse<DayOfWeek>(name, ignoreCase: true);
        var back = ((int)today.DayOfWeek - (int)target + 7) % 7;
        return Window(expression, today.AddDays(-(back == 0 ? 7 : back)), 1);
    }

    private static int Number(string word) => word switch
    {
        "a" or "an" or "one" => 1, "two" or "a couple of" => 2, "three" or "a few" => 3, "four" => 4, "five" => 5, "six" => 6,
        "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 1000) : 1,
    };

    [GeneratedRegex(@"\b(\d{4}-\d{2}-\d{2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december),?\s+(\d{4})\b")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few)\s+(days?|weeks?|months?|years?)\s+ago\b")]
    private static partial Regex Ago();

    [GeneratedRegex(@"\b(last|this)\s+(week|month|year|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:in|during|of|since)\s+((?:19|20)\d{2})\b")]
    private static partial Regex Year();
}
