namespace Strata.Core.Extraction.Packing;

/// <summary>Headings and paragraphs of a text as ranges, in one pass over its lines. A paragraph is a run of
/// non-blank lines; a heading is a line starting with one to six <c>#</c> and a space.</summary>
internal static class TextBlocks
{
    internal readonly record struct Block(int Start, int End, bool IsHeading);

    public static IEnumerable<Block> Of(string text)
    {
        var paragraphStart = -1;
        var paragraphEnd = -1;
        var position = 0;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline + 1;
            var line = text.AsSpan(position, lineEnd - position);
            if (line.IsWhiteSpace())
            {
                if (paragraphStart >= 0) yield return new Block(paragraphStart, paragraphEnd, false);
                paragraphStart = -1;
            }
            else if (IsHeading(line))
            {
                if (paragraphStart >= 0) yield return new Block(paragraphStart, paragraphEnd, false);
                paragraphStart = -1;
                yield return new Block(position, lineEnd, true);
            }
            else
            {
                if (paragraphStart < 0) paragraphStart = position;
                paragraphEnd = lineEnd;
            }
            position = lineEnd;
        }
        if (paragraphStart >= 0) yield return new Block(paragraphStart, paragraphEnd, false);
    }

    private static bool IsHeading(ReadOnlySpan<char> line)
    {
        var hashes = 0;
        while (hashes < line.Length && line[hashes] == '#') hashes++;
        return hashes is >= 1 and <= 6 && hashes < line.Length && line[hashes] == ' ';
    }
}
