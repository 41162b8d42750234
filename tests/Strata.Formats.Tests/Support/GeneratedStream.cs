using System.Text;

namespace Strata.Formats.Tests.Support;

/// <summary>
/// A read-only, non-seekable stream that produces its bytes only when they are read, so a test can feed a reader
/// far more input than it holds, and can cap each read to put chunk boundaries everywhere.
/// </summary>
public sealed class GeneratedStream(IEnumerable<byte[]> chunks, int maxBytesPerRead = int.MaxValue) : Stream
{
    private readonly IEnumerator<byte[]> _chunks = chunks.GetEnumerator();
    private byte[] _current = [];
    private int _offset;

    /// <summary>Text pieces, encoded as UTF-8 one at a time as the reader asks for more.</summary>
    public static GeneratedStream FromText(IEnumerable<string> pieces, int maxBytesPerRead = int.MaxValue) =>
        new(pieces.Select(Encoding.UTF8.GetBytes), maxBytesPerRead);

    public static GeneratedStream FromText(string text, int maxBytesPerRead = int.MaxValue) =>
        FromText([text], maxBytesPerRead);

    public static GeneratedStream FromBytes(byte[] bytes, int maxBytesPerRead = int.MaxValue) =>
        new([bytes], maxBytesPerRead);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _current.Length)
        {
            if (!_chunks.MoveNext())
            {
                return 0;
            }
            _current = _chunks.Current;
            _offset = 0;
        }

        var count = Math.Min(Math.Min(buffer.Length, maxBytesPerRead), _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
