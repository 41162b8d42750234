using System.Text;
using Strata.Formats.Text;

namespace Strata.Formats.ContentLines;

/// <summary>
/// Joins folded lines (RFC 6350 §3.2, RFC 5545 §3.1): a line that starts with a space or tab continues the
/// previous one, without that first character.
/// </summary>
internal sealed class UnfoldedLineReader(Stream content) : IDisposable
{
    private readonly TextLineReader _lines = new(content);
    private string? _next;
    private int _nextLineNumber;
    private bool _started;

    /// <summary>The physical line (1-based) on which the line last returned starts.</summary>
    public int LineNumber { get; private set; }

    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await ReadAheadAsync(cancellationToken);
        }

        var line = _next;
        if (line is null)
        {
            return null;
        }

        LineNumber = _nextLineNumber;
        await ReadAheadAsync(cancellationToken);
        // A builder only when folded: embedded photos fold into thousands of continuation lines.
        StringBuilder? unfolded = null;
        while (_next is { Length: > 0 } continuation && continuation[0] is ' ' or '\t')
        {
            (unfolded ??= new StringBuilder(line)).Append(continuation, 1, continuation.Length - 1);
            await ReadAheadAsync(cancellationToken);
        }
        return unfolded?.ToString() ?? line;
    }

    public void Dispose() => _lines.Dispose();

    private async ValueTask ReadAheadAsync(CancellationToken cancellationToken)
    {
        _next = await _lines.ReadLineAsync(cancellationToken);
        _nextLineNumber = _lines.LineNumber;
    }
}
