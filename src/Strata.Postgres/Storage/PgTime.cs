namespace Strata.Postgres.Storage;

/// <summary>timestamptz in and out: Npgsql wants UTC DateTimes, the domain wants DateTimeOffset.</summary>
internal static class PgTime
{
    public static DateTime Write(DateTimeOffset value) => value.UtcDateTime;

    public static DateTime? Write(DateTimeOffset? value) => value?.UtcDateTime;

    public static DateTimeOffset Read(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Read(DateTime? value) => value is null ? null : Read(value.Value);
}
