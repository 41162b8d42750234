using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>The checksums tests/duckdb-oracle/read-parquet.mjs computes, computed here from the values the test
/// expects (taken from another export or the snapshots), so DuckDB's reading is compared value by value.</summary>
internal static class ParquetChecksums
{
    public static string Text(IEnumerable<string?> values) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values.Select(v => v ?? "\u2400")))));

    public static string Integers(IEnumerable<long?> values) => $"{values.Sum() ?? 0}/{values.Count(v => v is not null)}";

    public static string Numbers(IEnumerable<double?> values) =>
        $"{Math.Round(values.Sum() ?? 0, 6).ToString(CultureInfo.InvariantCulture)}/{values.Count(v => v is not null)}";

    public static string Booleans(IEnumerable<bool?> values) => $"{values.Count(v => v == true)}/{values.Count(v => v is not null)}";

    public static string Dates(IEnumerable<DateOnly?> values) =>
        $"{values.Sum(v => v is null ? 0 : v.Value.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)}/{values.Count(v => v is not null)}";

    public static string Times(IEnumerable<DateTimeOffset?> values) =>
        $"{values.Sum(v => v is null ? 0 : (v.Value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)}/{values.Count(v => v is not null)}";

    /// <summary>The checksum of a column of JSON values as the export types it (by the DuckDB type the file declares).</summary>
    public static string Of(string duckDbType, IReadOnlyList<JsonElement?> values) => duckDbType switch
    {
        "VARCHAR" => Text(values.Select(v => v is not { ValueKind: not JsonValueKind.Null } e ? null : e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        "BIGINT" => Integers(values.Select(v => v is { ValueKind: JsonValueKind.Number } e ? e.GetInt64() : (long?)null)),
        "DOUBLE" => Numbers(values.Select(v => v is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : (double?)null)),
        "BOOLEAN" => Booleans(values.Select(v => v is { ValueKind: JsonValueKind.True or JsonValueKind.False } e ? e.GetBoolean() : (bool?)null)),
        "DATE" => Dates(values.Select(v => v is { ValueKind: JsonValueKind.String } e ? DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null)),
        "TIMESTAMP WITH TIME ZONE" => Times(values.Select(v => v is { ValueKind: JsonValueKind.String } e ? e.GetDateTimeOffset() : (DateTimeOffset?)null)),
        _ => throw new ArgumentOutOfRangeException(nameof(duckDbType), duckDbType, "No checksum for this DuckDB type."),
    };
}
