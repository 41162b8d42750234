using System.Text;
using Strata.Core.Errors;
using Strata.Formats.Text;

namespace Strata.Formats.Documents;

/// <summary>
/// Lines of a text stream with their line breaks kept and their offset in the decoded text, so blocks built from
/// them can point at exact characters. Only one line is held at a time.
/// </summary>
internal sealed class TextLines(Stream content, int maxLineChars) : IDisposable
{
    private readonly StreamReader _reader = StrictUtf8.OpenReader(content);
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    /// <summary>The offset of the next line's first character.</summary>
    public long Offset { get; private set; }

    /// <summary>The next line including its line break (CRLF, LF or a lone CR), or null at the end.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return Take();
            }
            var c = _buffer[_position++];
            _line.Append(c);
            if (_line.Length > maxLineChars)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"A line of the document at character {Offset:N0} is longer than {maxLineChars:N0} characters.");
            }
            if (c == '\n')
            {
                return Take();
            }
            if (c == '\r')
            {
                if ((_position < _length || await FillAsync(cancellationToken)) && _buffer[_position] == '\n')
                {
                    _line.Append('\n');
                    _position++;
                }
                return Take();
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private string? Take()
    {
        if (_line.Length == 0)
        {
            return null;
        }
        var line = _line.ToString();
        Offset += line.Length;
        return line;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        try
        {
            _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        }
        catch (DecoderFallbackException exception)
        {
            throw StrictUtf8.InvalidBytes(exception, $"at or after character {Offset:N0}");
        }
        _position = 0;
        return _length > 0;
    }
}
