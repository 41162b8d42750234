namespace Strata.Acceptance.Tests.Exports;

/// <summary>A destination that behaves as an ASP.NET Core response body does: no seeking, no position, and synchronous
/// writes refused. An export that passes here can stream to a client.</summary>
internal sealed class AsyncOnlyStream : Stream
{
    private readonly MemoryStream _received = new();

    public byte[] Received => _received.ToArray();

    public int Writes { get; private set; }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Writes++;
        _received.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are refused, as a response body refuses them.");

    public override void Flush() => throw new InvalidOperationException("Synchronous flushes are refused, as a response body refuses them.");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
