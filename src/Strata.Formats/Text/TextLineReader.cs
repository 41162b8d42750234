using System.Text;

namespace Strata.Formats.Text;

/// <summary>Reads UTF-8 text line by line (CR, LF or CRLF), counting lines from 1.</summary>
internal sealed class TextLineReader(Stream content) : IDisposable
{
    private readonly StreamReader _reader = StrictUtf8.OpenReader(content);

    /// <summary>The number of the line last returned, 1-based.</summary>
    public int LineNumber { get; private set; }

    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _reader.ReadLineAsync(cancellationToken);
        }
        catch (DecoderFallbackException exception)
        {
            // The reader decodes ahead of the line it returns, so the bad bytes are on this line or shortly after.
            throw StrictUtf8.InvalidBytes(exception, $"at or after line {LineNumber + 1}");
        }

        if (line is not null)
        {
            LineNumber++;
        }
        return line;
    }

    public void Dispose() => _reader.Dispose();
}
