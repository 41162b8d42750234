using System.Text;

namespace Strata.Formats.Documents.Markdown;

/// <summary>
/// Cuts a Markdown stream into segments that parse exactly as the whole would, so a large document is parsed a
/// segment at a time. A cut is made only before a line that must start a new top-level block: a blank line came
/// before it, it starts in column 0 with no list marker, and no fenced code block or raw HTML block is open (those
/// are the only top-level blocks that span blank lines). Link reference definitions can sit in another segment
/// than their links; blocks keep their source text, so that changes nothing here.
/// </summary>
internal sealed class MarkdownSegmenter(TextLines lines, int segmentChars)
{
    private readonly StringBuilder _segment = new();
    private string? _pending;
    private bool _previousBlank = true;
    private string? _fence;
    private string? _htmlEnd;

    /// <summary>The next segment and the offset of its first character, or null at the end.</summary>
    public async ValueTask<(string Text, long Offset)?> NextAsync(CancellationToken cancellationToken)
    {
        _segment.Clear();
        var offset = lines.Offset - (_pending?.Length ?? 0);
        while (true)
        {
            var line = _pending ?? await lines.ReadLineAsync(cancellationToken);
            _pending = null;
            if (line is null)
            {
                return _segment.Length == 0 ? null : (_segment.ToString(), offset);
            }
            if (_segment.Length >= segmentChars && CanStartSegment(line))
            {
                _pending = line;
                return (_segment.ToString(), offset);
            }
            Track(line);
            _segment.Append(line);
        }
    }

    private bool CanStartSegment(string line) =>
        _previousBlank && _fence is null && _htmlEnd is null && line.Length > 0 && !char.IsWhiteSpace(line[0]) && !StartsList(line);

    private void Track(string line)
    {
        var trimmed = line.TrimEnd('\r', '\n');
        var indent = trimmed.Length - trimmed.TrimStart(' ').Length;
        var body = trimmed.TrimStart(' ');
        if (_fence is not null)
        {
            if (indent <= 3 && body.StartsWith(_fence, StringComparison.Ordinal) && body.Trim().Trim(_fence[0]).Length == 0)
            {
                _fence = null;
            }
        }
        else if (_htmlEnd is not null)
        {
            if (trimmed.Contains(_htmlEnd, StringComparison.OrdinalIgnoreCase))
            {
                _htmlEnd = null;
            }
        }
        else if (indent <= 3)
        {
            _fence = FenceOpened(body);
            _htmlEnd = _fence is null ? RawHtmlEnd(body) : null;
        }
        _previousBlank = trimmed.Trim().Length == 0;
    }

    /// <summary>The run of backticks or tildes that would close a fence opened by this line.</summary>
    private static string? FenceOpened(string body)
    {
        if (body.Length < 3 || (body[0] != '`' && body[0] != '~'))
        {
            return null;
        }
        var marker = body[0];
        var run = body.TakeWhile(c => c == marker).Count();
        if (run < 3 || (marker == '`' && body[run..].Contains('`')))
        {
            return null;
        }
        return new string(marker, run);
    }

    /// <summary>The end condition of a raw HTML block that may span blank lines (CommonMark types 1–5), if this
    /// line opens one that does not also close on it.</summary>
    private static string? RawHtmlEnd(string body)
    {
        string? end = null;
        foreach (var tag in new[] { "script", "pre", "style", "textarea" })
        {
            if (body.StartsWith("<" + tag, StringComparison.OrdinalIgnoreCase) &&
                (body.Length == tag.Length + 1 || body[tag.Length + 1] is ' ' or '\t' or '>' or '\r' or '\n'))
            {
                end = "</" + tag + ">";
            }
        }
        end ??= body.StartsWith("<!--", StringComparison.Ordinal) ? "-->"
            : body.StartsWith("<?", StringComparison.Ordinal) ? "?>"
            : body.StartsWith("<![CDATA[", StringComparison.Ordinal) ? "]]>"
            : body.Length > 2 && body.StartsWith("<!", StringComparison.Ordinal) && char.IsAsciiLetter(body[2]) ? ">"
            : null;
        if (end is null)
        {
            return null;
        }
        var rest = body.Length > 2 ? body[2..] : string.Empty;
        return rest.Contains(end, StringComparison.OrdinalIgnoreCase) ? null : end;
    }

    private static bool StartsList(string line)
    {
        if (line[0] is '-' or '+' or '*')
        {
            return line.Length == 1 || line[1] is ' ' or '\t' or '\r' or '\n';
        }
        var digits = line.TakeWhile(char.IsAsciiDigit).Count();
        return digits is > 0 and <= 9 && line.Length > digits && line[digits] is '.' or ')';
    }
}
