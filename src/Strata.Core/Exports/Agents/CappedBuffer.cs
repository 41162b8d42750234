namespace Strata.Core.Exports.Agents;

/// <summary>
/// A write-only destination that keeps at most <paramref name="capBytes"/> bytes and stops the export that writes into
/// it as soon as it would hold more (<see cref="Overflow"/>): a probe for "does it fit", whose memory is the cap, not
/// the export's size.
/// </summary>
internal sealed class CappedBuffer(long capBytes) : Stream
{
    private readonly MemoryStream _held = new();

    /// <summary>Thrown through the export's writer when the cap is passed; caught by whoever gave the buffer.</summary>
    public sealed class Overflow() : Exception("The export is larger than the cap.");

    public byte[] ToArray() => _held.ToArray();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_held.Length + buffer.Length > capBytes) throw new Overflow();
        _held.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

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

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _held.Length;

    public override long Position
    {
        get => _held.Length;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
