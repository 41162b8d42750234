namespace Strata.Formats.ICalendar;

/// <summary>
/// Rewrites iCalendar DATE and DATE-TIME values in ISO 8601 form: <c>20240115</c> → <c>2024-01-15</c>,
/// <c>20240115T090000Z</c> → <c>2024-01-15T09:00:00Z</c>. Only the notation changes: a floating time stays
/// floating, and any other value is returned as given rather than guessed at.
/// </summary>
internal static class ICalendarDate
{
    public static string ToIso(string value)
    {
        var text = value.Trim();
        if (text.Length == 8 && AllDigits(text))
        {
            return Date(text);
        }

        var utc = text.EndsWith('Z');
        var length = utc ? 16 : 15;
        if (text.Length == length && text[8] == 'T' && AllDigits(text[..8]) && AllDigits(text[9..15]))
        {
            return $"{Date(text)}T{text[9..11]}:{text[11..13]}:{text[13..15]}{(utc ? "Z" : string.Empty)}";
        }
        return text;
    }

    private static string Date(string text) => $"{text[..4]}-{text[4..6]}-{text[6..8]}";

    private static bool AllDigits(string text) => text.All(char.IsAsciiDigit);
}
