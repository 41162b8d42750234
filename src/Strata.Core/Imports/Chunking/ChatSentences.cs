namespace Strata.Core.Imports.Chunking;

/// <summary>Splits messages into sentence spans in one pass: a sentence ends after '.', '!' or '?' followed by
/// whitespace, or at a line break; one longer than the limit is cut at its last space before the limit.</summary>
internal static class ChatSentences
{
    public static List<ChatSpan> Split(IReadOnlyList<string> messages, int maxChars)
    {
        var spans = new List<ChatSpan>();
        for (var m = 0; m < messages.Count; m++)
        {
            var text = messages[m];
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var ends = text[i] == '\n' || (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
                if (ends || i + 1 - start >= maxChars)
                {
                    var end = ends ? i + 1 : CutAtSpace(text, start, i + 1);
                    Add(spans, m, text, start, end);
                    start = end;
                    i = end - 1;
                }
            }
            Add(spans, m, text, start, text.Length);
        }
        return spans;
    }

    private static int CutAtSpace(string text, int start, int limit)
    {
        var space = text.LastIndexOf(' ', limit - 1, limit - start);
        return space > start ? space + 1 : limit;
    }

    private static void Add(List<ChatSpan> spans, int message, string text, int start, int end)
    {
        if (end > start && !string.IsNullOrWhiteSpace(text[start..end]))
        {
            spans.Add(new ChatSpan(message, start, end));
        }
        else if (end > start && spans.Count > 0 && spans[^1].MessageIndex == message && spans[^1].End == start)
        {
            spans[^1] = spans[^1] with { End = end }; // blank text stays with the sentence before it
        }
    }
}
