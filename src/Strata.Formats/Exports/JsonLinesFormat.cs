using System.Globalization;
using System.Text.Json;
using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>JSON Lines: one object per row, keys in column order; a JSON column is nested as it is, not quoted.</summary>
public sealed class JsonLinesFormat : ITableFormat
{
    public string Name => ExportFormats.JsonLines;

    public TableFileKind Kind { get; } = new(".jsonl", "application/jsonl");

    public ITableWriter Open(ExportTable table, Stream destination) => new Writer(table, destination);

    private sealed class Writer(ExportTable table, Stream destination) : ITableWriter
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly Utf8JsonWriter _json = new(destination, Options);

        public ValueTask WriteRowAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken)
        {
            _json.Reset();
            _json.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                _json.WritePropertyName(column.Name);
                WriteCell(column.Kind, row[i]);
            }
            _json.WriteEndObject();
            _json.Flush();
            destination.WriteByte((byte)'\n');
            return ValueTask.CompletedTask;
        }

        private void WriteCell(ExportValueKind kind, object? cell)
        {
            switch (cell)
            {
                case null:
                    _json.WriteNullValue();
                    break;
                case string text when kind == ExportValueKind.Json:
                    _json.WriteRawValue(text);
                    break;
                case string text:
                    _json.WriteStringValue(text);
                    break;
                case long integer:
                    _json.WriteNumberValue(integer);
                    break;
                case double number:
                    _json.WriteNumberValue(number);
                    break;
                case bool flag:
                    _json.WriteBooleanValue(flag);
                    break;
                case DateOnly date:
                    _json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset time:
                    _json.WriteStringValue(time.ToUniversalTime());
                    break;
                default:
                    throw new ArgumentException($"A {cell.GetType().Name} is no export cell.", nameof(cell));
            }
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => _json.DisposeAsync();
    }
}
