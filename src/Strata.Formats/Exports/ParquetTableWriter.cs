using Parquet;
using Parquet.Schema;
using Strata.Core.Exports;

namespace Strata.Formats.Exports;

/// <summary>One Parquet file, written a row group at a time (see <see cref="ParquetFormat"/>).</summary>
internal sealed class ParquetTableWriter(ExportTable table, Stream destination) : ITableWriter
{
    private readonly DataField[] _fields = table.Columns.Select(ParquetFormat.FieldOf).ToArray();
    private readonly ParquetColumnBuffer[] _columns = table.Columns.Select(c => ParquetColumnBuffer.For(c.Kind)).ToArray();
    private ParquetWriter? _writer;
    private int _rows;
    private long _textBytes;

    public async ValueTask WriteRowAsync(IReadOnlyList<object?> row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _textBytes += _columns[i].Add(row[i]);
        }
        _rows++;
        if (_rows >= ParquetFormat.RowGroupRows || _textBytes >= ParquetFormat.RowGroupTextBytes)
        {
            await WriteRowGroupAsync(cancellationToken);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        // A table without rows is still a file with its schema, so a reader sees the columns.
        if (_rows > 0 || _writer is null)
        {
            await WriteRowGroupAsync(cancellationToken);
        }
        await _writer!.DisposeAsync();
        _writer = null;
    }

    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), destination, ParquetFormat.Options(), append: false, cancellationToken);
        using (var group = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                await _columns[i].WriteAsync(group, _fields[i], cancellationToken);
            }
            group.CompleteValidate();
        }
        _rows = 0;
        _textBytes = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
