namespace Strata.Core.Imports.Chunking;

/// <summary>A piece of a conversation for search and extraction, with where each part of it came from.</summary>
public sealed record ChatChunk(string Tier, int Index, string Text, IReadOnlyList<ChatSpan> Spans);

/// <summary>Characters <c>[Start, End)</c> of the text of message <c>MessageIndex</c>.</summary>
public sealed record ChatSpan(int MessageIndex, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>A chunk size: a target and an overlap in characters (tokens are estimated at four characters).</summary>
public sealed record ChunkTier(string Name, int TargetChars, int OverlapChars)
{
    public static readonly ChunkTier Micro = new("micro", 200, 0);
    public static readonly ChunkTier Medium = new("medium", 2_000 * 4, 200 * 4);
    public static readonly ChunkTier Macro = new("macro", 5_000 * 4, 500 * 4);

    public static readonly IReadOnlyList<ChunkTier> All = [Micro, Medium, Macro];
}

/// <summary>
/// Cuts a conversation into chunks in linear time: its messages are split once into sentences (a sentence longer
/// than the target is cut at a space), then sentences are packed greedily up to the target; the next chunk starts
/// at the sentence that leaves at most the overlap behind. Every sentence is visited a bounded number of times, so
/// the work is proportional to the text, never to its square. Cuts fall at sentence and message boundaries.
/// </summary>
public static class ChatChunker
{
    public static IEnumerable<ChatChunk> Chunk(IReadOnlyList<string> messages, ChunkTier tier)
    {
        var pieces = ChatSentences.Split(messages, tier.TargetChars);
        var index = 0;
        var start = 0;
        while (start < pieces.Count)
        {
            var end = start;
            var length = 0;
            while (end < pieces.Count && (end == start || length + pieces[end].Length <= tier.TargetChars))
            {
                length += pieces[end].Length;
                end++;
            }
            yield return Build(messages, pieces, start, end, tier.Name, index++);
            if (end == pieces.Count)
            {
                yield break;
            }
            var next = end;
            var overlap = 0;
            while (next - 1 > start && overlap + pieces[next - 1].Length <= tier.OverlapChars)
            {
                next--;
                overlap += pieces[next].Length;
            }
            start = next;
        }
    }

    private static ChatChunk Build(IReadOnlyList<string> messages, List<ChatSpan> pieces, int start, int end, string tier, int index)
    {
        var spans = new List<ChatSpan>();
        foreach (var piece in pieces.Skip(start).Take(end - start))
        {
            // Adjacent sentences of one message join into one span, so provenance stays short.
            if (spans.Count > 0 && spans[^1].MessageIndex == piece.MessageIndex && spans[^1].End == piece.Start)
            {
                spans[^1] = spans[^1] with { End = piece.End };
            }
            else
            {
                spans.Add(piece);
            }
        }
        var text = string.Join("\n\n", spans.Select(s => messages[s.MessageIndex][s.Start..s.End].Trim()));
        return new ChatChunk(tier, index, text, spans);
    }
}
