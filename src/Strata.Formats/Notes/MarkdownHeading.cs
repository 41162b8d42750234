namespace Strata.Formats.Notes;

/// <summary>Finds the text of the first ATX heading (<c># Title</c>) outside fenced code blocks.</summary>
/// <remarks>Fences matter: a shell snippet's <c># comment</c> would otherwise become the title.</remarks>
internal static class MarkdownHeading
{
    private const int MaxIndent = 3;
    private const int MaxLevel = 6;

    public static string? FirstAtx(string text)
    {
        var fence = ReadOnlySpan<char>.Empty;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent > MaxIndent || (line.Length > indent && line[indent] == '\t'))
            {
                continue;
            }

            var rest = line[indent..];
            if (!fence.IsEmpty)
            {
                if (ClosesFence(rest, fence))
                {
                    fence = ReadOnlySpan<char>.Empty;
                }
                continue;
            }

            if (rest.StartsWith("```") || rest.StartsWith("~~~"))
            {
                fence = rest[..(rest.Length - rest.TrimStart(rest[0]).Length)];
                continue;
            }

            if (HeadingText(rest) is { Length: > 0 } heading)
            {
                return heading;
            }
        }
        return null;
    }

    private static bool ClosesFence(ReadOnlySpan<char> line, ReadOnlySpan<char> fence)
    {
        var run = line.Length - line.TrimStart(fence[0]).Length;
        return run >= fence.Length && line[run..].IsWhiteSpace();
    }

    private static string? HeadingText(ReadOnlySpan<char> line)
    {
        var level = line.Length - line.TrimStart('#').Length;
        if (level is 0 or > MaxLevel || (line.Length > level && line[level] is not (' ' or '\t')))
        {
            return null;
        }

        var content = line[level..].Trim();
        // A closing run of '#' is decoration only when it stands apart: "# C#" keeps its '#'.
        var withoutClosing = content.TrimEnd('#');
        if (withoutClosing.IsEmpty || withoutClosing[^1] is ' ' or '\t')
        {
            content = withoutClosing.TrimEnd();
        }
        return content.ToString();
    }
}
