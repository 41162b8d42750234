using System.Globalization;
using CsvHelper;
using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>CSV (RFC 4180, UTF-8 without a byte-order mark): a header of the column names, then a record per row.
/// Dates are ISO 8601, times in UTC with their offset (the round-trip form, <c>2026-11-24T16:00:00.0000000+00:00</c>,
/// which .NET formats without parsing a pattern per cell); a JSON column holds its JSON text in the cell; null is empty.</summary>
public sealed class CsvFormat : ITableFormat
{
    public string Name => ExportFormats.Csv;

    public TableFileKind Kind { get; } = new(".csv", "text/csv");

    public ITableWriter Open(ExportTable table, Stream destination) => new Writer(table, destination);

    private sealed class Writer : ITableWriter
    {
        private readonly CsvWriter _csv;

        public Writer(ExportTable table, Stream destination)
        {
            _csv = CsvWriter.Create(destination, new CsvWriterOptions(), leaveOpen: true);
            foreach (var column in table.Columns)
            {
                _csv.WriteField(column.Name);
            }
            _csv.EndRecord();
        }

        public ValueTask WriteRowAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken)
        {
            foreach (var cell in row)
            {
                _csv.WriteField(Text(cell));
            }
            // CsvHelper fills its buffer and passes it to the export's output, which gathers it in memory.
            _csv.EndRecord();
            return ValueTask.CompletedTask;
        }

        private static string Text(object? cell) => cell switch
        {
            null => "",
            string text => text,
            long integer => integer.ToString(CultureInfo.InvariantCulture),
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"A {cell.GetType().Name} is no export cell.", nameof(cell)),
        };

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            _csv.Flush();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => _csv.DisposeAsync();
    }
}
