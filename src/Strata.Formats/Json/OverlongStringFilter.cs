using System.Buffers;

namespace Strata.Formats.Json;

/// <summary>
/// A read-only stream over JSON (or JSON Lines) that replaces every string longer than a limit with a short marker
/// (<see cref="OverlongStrings"/>) while the bytes stream through, so a 50 MB string is never held whole: at most the
/// limit's worth of one string is kept while it is being measured. Everything else passes unchanged, line breaks
/// included (a raw line break cannot be inside a valid string, so it always ends one here: a broken line is still
/// reported at its own line).
/// </summary>
internal sealed class OverlongStringFilter(Stream inner, long maxStringBytes) : Stream
{
    private readonly byte[] _input = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _pending = new(4 * 1024);
    private int _outputRead;
    private bool _inString;
    private bool _escaped;
    private long _contentBytes;
    private bool _overlong;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_output.WrittenCount - _outputRead == 0)
        {
            if (_ended)
            {
                return 0;
            }
            _output.ResetWrittenCount();
            _outputRead = 0;
            var read = await inner.ReadAsync(_input, cancellationToken);
            if (read == 0)
            {
                _ended = true;
                FlushPending(); // an unterminated string: the parser reports it
            }
            else
            {
                Filter(_input.AsSpan(0, read));
            }
        }
        var available = _output.WrittenSpan[_outputRead..];
        var count = Math.Min(available.Length, buffer.Length);
        available[..count].CopyTo(buffer.Span);
        _outputRead += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Filter(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (!_inString)
            {
                var quote = bytes.IndexOf((byte)'"');
                if (quote < 0)
                {
                    _output.Write(bytes);
                    return;
                }
                _output.Write(bytes[..(quote + 1)]);
                bytes = bytes[(quote + 1)..];
                _inString = true;
                _escaped = false;
                _contentBytes = 0;
                _overlong = false;
                _pending.ResetWrittenCount();
                continue;
            }

            var end = StringEnd(bytes, out var closedBy);
            Take(bytes[..end]);
            bytes = bytes[end..];
            if (closedBy is { } closing)
            {
                bytes = bytes[1..];
                FlushPending();
                _output.Write([closing]);
                _inString = false;
            }
        }
    }

    /// <summary>How many bytes of <paramref name="bytes"/> belong to the string still open; <paramref name="closedBy"/>
    /// is the byte that ends it there (a closing quote, or a line break), or null when it goes on past them.</summary>
    private int StringEnd(ReadOnlySpan<byte> bytes, out byte? closedBy)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (_escaped)
            {
                _escaped = false;
            }
            else if (b == (byte)'\\')
            {
                _escaped = true;
            }
            else if (b is (byte)'"' or (byte)'\n')
            {
                closedBy = b;
                return i;
            }
        }
        closedBy = null;
        return bytes.Length;
    }

    private void Take(ReadOnlySpan<byte> part)
    {
        _contentBytes += part.Length;
        if (_overlong)
        {
            return;
        }
        if (_contentBytes > maxStringBytes)
        {
            _overlong = true;
            _pending.ResetWrittenCount();
            return;
        }
        _pending.Write(part);
    }

    /// <summary>Writes the string's content, or the marker in place of an overlong one (whose quote is already out).</summary>
    private void FlushPending()
    {
        if (!_inString)
        {
            return;
        }
        if (_overlong)
        {
            var marker = OverlongStrings.Replacement(_contentBytes);
            _output.Write(marker.AsSpan(1, marker.Length - 2));
        }
        else
        {
            _output.Write(_pending.WrittenSpan);
        }
        _pending.ResetWrittenCount();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
