using System.Globalization;

namespace Strata.Relational;

/// <summary>
/// Times read back from either database. Row classes declare time columns as <see cref="object"/> so one row type
/// serves both: SQLite hands back the fixed-width UTC text it was given, PostgreSQL a UTC <see cref="DateTime"/>.
/// </summary>
internal static class StoredTime
{
    /// <summary>The text form SQLite stores; its text order is time order, which range queries rely on.</summary>
    public const string TextFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(TextFormat, CultureInfo.InvariantCulture);

    /// <summary>Microseconds since the epoch, as SQLite's lean rows keep a time (<see cref="SqlDialect.LeanTime"/>).</summary>
    public static long Microseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTimeOffset Read(object value) => value switch
    {
        long microseconds => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TicksPerMicrosecond),
        string text => DateTimeOffset.ParseExact(text, TextFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => throw new InvalidOperationException($"A stored time of type {value.GetType().Name} cannot be read."),
    };

    public static DateTimeOffset? ReadNullable(object? value) => value is null or DBNull ? null : Read(value);
}
