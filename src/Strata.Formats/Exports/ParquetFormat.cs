using Parquet;
using Parquet.Schema;
using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>
/// Parquet through Parquet.Net's low-level writer: one typed, nullable column per table column (text and JSON as UTF-8
/// strings, integers as INT64, numbers as DOUBLE, dates as DATE, times as TIMESTAMP in microseconds adjusted to UTC),
/// Snappy-compressed. Rows are gathered column by column and written as a row group every <see cref="RowGroupRows"/>
/// rows (or sooner when their text passes <see cref="RowGroupTextBytes"/>), so memory holds one row group at most.
/// </summary>
public sealed class ParquetFormat : ITableFormat
{
    public const int RowGroupRows = 50_000;
    public const long RowGroupTextBytes = 32L * 1024 * 1024;

    public string Name => ExportFormats.Parquet;

    public TableFileKind Kind { get; } = new(".parquet", "application/vnd.apache.parquet");

    public ITableWriter Open(ExportTable table, Stream destination) => new ParquetTableWriter(table, destination);

    /// <summary>The Parquet field a column is written as.</summary>
    internal static DataField FieldOf(ExportColumn column) => column.Kind switch
    {
        ExportValueKind.Text or ExportValueKind.Json => new DataField(column.Name, typeof(string), isNullable: true),
        ExportValueKind.Integer => new DataField(column.Name, typeof(long), isNullable: true),
        ExportValueKind.Number => new DataField(column.Name, typeof(double), isNullable: true),
        ExportValueKind.Boolean => new DataField(column.Name, typeof(bool), isNullable: true),
        ExportValueKind.Date => new DataField(column.Name, typeof(DateOnly), isNullable: true),
        ExportValueKind.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
            unit: DateTimeTimeUnit.Micros, isNullable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "No Parquet type for this kind."),
    };

    internal static ParquetOptions Options() => new()
    {
        // Snappy, not Zstd: bench export --quick measured Zstd's default level at a fifth of Snappy's throughput, and Zstd
        // at its fastest level at 85% of it (with files half the size); the goal is throughput.
        CompressionMethod = CompressionMethod.Snappy,
        UseDateOnlyTypeForDates = true,
    };
}
