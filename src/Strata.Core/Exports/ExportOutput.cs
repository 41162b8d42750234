namespace Strata.Core.Exports;

/// <summary>
/// The stream every export writer writes into. Writers (CsvHelper's text writer, Parquet.Net, a ZIP archive) write
/// synchronously and some ask for the position; an HTTP response refuses synchronous writes and cannot seek. So writes
/// land here in memory and reach the destination in chunks, asynchronously, when the export calls
/// <see cref="DrainAsync"/> between rows: memory holds at most a chunk and what one row (or one Parquet row group) adds.
/// </summary>
public sealed class ExportOutput(Stream destination) : Stream
{
    /// <summary>How much is gathered before it is passed on: large enough that a response sees few writes.</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly MemoryStream _pending = new();
    private long _written;

    /// <summary>Passes on what is gathered once it reaches a chunk, or all of it when <paramref name="all"/>.</summary>
    public async ValueTask DrainAsync(bool all, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0 || (!all && _pending.Length < ChunkBytes))
        {
            return;
        }
        await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        _pending.SetLength(0);
        if (all)
        {
            await destination.FlushAsync(cancellationToken);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void WriteByte(byte value) => Write([value]);

    // Writers flush after each file; passing that on would cut the response into small writes, so only DrainAsync does.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("An export is written front to back.");
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
