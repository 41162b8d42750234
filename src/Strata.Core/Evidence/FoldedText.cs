using System.Globalization;
using System.Text;

namespace Strata.Core.Evidence;

/// <summary>A text folded for matching, with each folded character's range in the original text. Folding:
/// compatibility decomposition (ligatures, full-width forms), accents and other combining marks and zero-width
/// characters dropped, lower case, typographic quotes and dashes made plain, whitespace runs (CRLF included)
/// made one space. One pass, linear in the text.</summary>
internal sealed class FoldedText
{
    private readonly List<int> _starts;
    private readonly List<int> _ends;

    private FoldedText(string text, List<int> starts, List<int> ends)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    public int StartOf(int folded) => _starts[folded];

    public int EndOf(int folded) => _ends[folded];

    /// <summary>The first folded index whose original start is at or after <paramref name="original"/>.</summary>
    public int FirstAtOrAfter(int original)
    {
        var index = _starts.BinarySearch(original);
        if (index < 0) return ~index;
        while (index > 0 && _starts[index - 1] == original) index--;
        return index;
    }

    public static FoldedText Of(string text)
    {
        var folded = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var end = index + rune.Utf16SequenceLength;
            if (Rune.IsWhiteSpace(rune))
            {
                if (folded.Length > 0 && folded[^1] == ' ') ends[^1] = end;
                else Emit(' ', index, end);
            }
            else
            {
                foreach (var c in rune.ToString().Normalize(NormalizationForm.FormKD))
                {
                    if (Dropped(c))
                    {
                        // A mark belongs to the letter before it: a match ending at that letter takes the mark too.
                        if (ends.Count > 0 && ends[^1] == index) ends[^1] = end;
                        continue;
                    }
                    Emit(Plain(c), index, end);
                }
            }
            index = end;
        }
        return new FoldedText(folded.ToString(), starts, ends);

        void Emit(char c, int start, int stop)
        {
            folded.Append(c);
            starts.Add(start);
            ends.Add(stop);
        }
    }

    /// <summary>The folded form of a quote: the same folding, trimmed.</summary>
    public static string Quote(string quote) => Of(quote).Text.Trim(' ');

    private static bool Dropped(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format;

    private static char Plain(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        _ => char.ToLowerInvariant(c),
    };
}
