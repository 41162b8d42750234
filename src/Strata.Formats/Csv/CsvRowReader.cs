using System.Text;
using Strata.Core.Errors;
using Strata.Formats.Text;

namespace Strata.Formats.Csv;

/// <summary>
/// An RFC 4180 row reader over a stream: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF
/// (a lone CR too). Only the current row is held in memory.
/// </summary>
/// <remarks>
/// A quote inside an unquoted field is kept as text (<c>5'10"</c> is common in real exports); text after a
/// closing quote is rejected, because it means the quoting is broken and the cell boundaries are guesses.
/// A row longer than <c>maxRowChars</c> is refused (<c>FILE_TOO_LARGE</c>) while it is read, so one endless row is never
/// held whole.
/// </remarks>
internal sealed class CsvRowReader(Stream content, int maxRowChars = int.MaxValue) : IDisposable
{
    private enum State { FieldStart, Unquoted, Quoted, AfterQuote }

    private readonly StreamReader _reader = StrictUtf8.OpenReader(content);
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;
    private long _consumed;

    /// <summary>The physical line (1-based) on which the row last read starts.</summary>
    public int RowLine { get; private set; }

    /// <summary>Where the row last read starts and ends (before its line break), in characters of the decoded text.</summary>
    public (long Start, long End) RowRange { get; private set; }

    /// <summary>Reads the next row's cells into <paramref name="cells"/>; a blank line gives no cells.</summary>
    /// <returns>False at the end of the input.</returns>
    public async ValueTask<bool> ReadRowAsync(List<string> cells, CancellationToken cancellationToken)
    {
        cells.Clear();
        _field.Clear();
        RowLine = _line;
        var rowStart = _consumed + _position;
        var state = State.FieldStart;
        var rowHasContent = false;
        var quoteLine = 0;
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                if (state == State.Quoted)
                {
                    throw StrataException.Malformed(
                        $"The CSV has a quoted field opened on line {quoteLine} that is never closed (a \" is missing).");
                }
                if (!rowHasContent)
                {
                    return false;
                }
                RowRange = (rowStart, _consumed + _position);
                cells.Add(TakeField());
                return true;
            }
            if (_consumed + _position - rowStart > maxRowChars)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"The CSV row that starts on line {RowLine} is longer than {maxRowChars:N0} characters, the most one row may have.");
            }

            var c = _buffer[_position++];
            switch (state)
            {
                case State.FieldStart when c == '"':
                    state = State.Quoted;
                    quoteLine = _line;
                    rowHasContent = true;
                    break;
                case State.FieldStart or State.Unquoted or State.AfterQuote when c == ',':
                    cells.Add(TakeField());
                    state = State.FieldStart;
                    rowHasContent = true;
                    break;
                case State.FieldStart or State.Unquoted or State.AfterQuote when c is '\r' or '\n':
                    RowRange = (rowStart, _consumed + _position - 1);
                    await EndLineAsync(c, cancellationToken);
                    if (rowHasContent)
                    {
                        cells.Add(TakeField());
                    }
                    return true;
                case State.FieldStart or State.Unquoted:
                    _field.Append(c);
                    state = State.Unquoted;
                    rowHasContent = true;
                    break;
                case State.Quoted when c == '"':
                    state = State.AfterQuote;
                    break;
                case State.Quoted:
                    _field.Append(c);
                    if (c is '\r' or '\n')
                    {
                        await CountLineBreakAsync(c, cancellationToken);
                    }
                    break;
                case State.AfterQuote when c == '"':
                    _field.Append('"');
                    state = State.Quoted;
                    break;
                default:
                    throw StrataException.Malformed(
                        $"Line {_line} of the CSV has '{c}' right after a closing quote. A quote inside a quoted field " +
                        "must be doubled (\"\"), and a quoted field must end at a comma or the end of the line.");
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private string TakeField()
    {
        var value = _field.ToString();
        _field.Clear();
        return value;
    }

    /// <summary>Ends a row at a line break, consuming the LF of a CRLF pair.</summary>
    private async ValueTask EndLineAsync(char c, CancellationToken cancellationToken)
    {
        _line++;
        if (c == '\r' && await PeekAsync(cancellationToken) == '\n')
        {
            _position++;
        }
    }

    /// <summary>Counts a line break kept inside a quoted field; a CRLF pair is one line.</summary>
    private async ValueTask CountLineBreakAsync(char c, CancellationToken cancellationToken)
    {
        if (c == '\n' || await PeekAsync(cancellationToken) != '\n')
        {
            _line++;
        }
    }

    private async ValueTask<char?> PeekAsync(CancellationToken cancellationToken)
    {
        if (_position == _length && !await FillAsync(cancellationToken))
        {
            return null;
        }
        return _buffer[_position];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _consumed += _length;
        try
        {
            _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        }
        catch (DecoderFallbackException exception)
        {
            throw StrictUtf8.InvalidBytes(exception, $"at or after line {_line}");
        }
        _position = 0;
        return _length > 0;
    }
}
