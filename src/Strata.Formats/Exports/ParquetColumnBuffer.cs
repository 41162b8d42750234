using Parquet;
using Parquet.Schema;
using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>The values of one column gathered for the next row group, in the CLR type Parquet.Net writes it from.</summary>
internal abstract class ParquetColumnBuffer
{
    /// <summary>Adds a cell; returns how many bytes of text it holds (the row group is cut by text size too).</summary>
    public abstract long Add(object? cell);

    public abstract Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken);

    public static ParquetColumnBuffer For(ExportValueKind kind) => kind switch
    {
        ExportValueKind.Text or ExportValueKind.Json => new Texts(),
        ExportValueKind.Integer => new Values<long>(),
        ExportValueKind.Number => new Values<double>(),
        ExportValueKind.Boolean => new Values<bool>(),
        ExportValueKind.Date => new Values<DateOnly>(),
        ExportValueKind.Timestamp => new Times(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No Parquet column for this kind."),
    };

    private sealed class Texts : ParquetColumnBuffer
    {
        private readonly List<string?> _values = [];

        public override long Add(object? cell)
        {
            var text = (string?)cell;
            _values.Add(text);
            return text?.Length ?? 0;
        }

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync(field, _values!, repetitionLevels: null);
            _values.Clear();
        }
    }

    private class Values<T> : ParquetColumnBuffer where T : struct
    {
        private readonly List<T?> _values = [];

        public override long Add(object? cell)
        {
            _values.Add((T?)cell);
            return 0;
        }

        protected void AddValue(T? value) => _values.Add(value);

        public override async Task WriteAsync(ParquetRowGroupWriter group, DataField field, CancellationToken cancellationToken)
        {
            await group.WriteAsync(field, new ReadOnlyMemory<T?>([.. _values]), repetitionLevels: null, customMetadata: null, cancellationToken);
            _values.Clear();
        }
    }

    /// <summary>Times go to Parquet as UTC <see cref="DateTime"/>s.</summary>
    private sealed class Times : Values<DateTime>
    {
        public override long Add(object? cell)
        {
            AddValue(cell is DateTimeOffset time ? time.UtcDateTime : null);
            return 0;
        }
    }
}
