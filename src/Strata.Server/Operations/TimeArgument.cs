using System.Globalization;
using Strata.Core.Errors;

namespace Strata.Server.Operations;

/// <summary>An instant given as ISO 8601 text; without an offset it is taken as UTC, as the CLI does.</summary>
internal static class TimeArgument
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw StrataException.Validation($"'{text}' is not a time; use ISO 8601, e.g. 2024-05-01T12:00:00Z.");
    }
}
