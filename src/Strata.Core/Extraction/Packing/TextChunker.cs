namespace Strata.Core.Extraction.Packing;

/// <summary>Cuts a text into chunks that fit an input budget, in one pass. A Markdown heading starts a new chunk
/// (a section stays with its title); paragraphs join the current chunk while it fits; a paragraph larger than
/// the budget is cut at the last whitespace before the limit. Chunks are contiguous ranges of the source, so
/// their offsets are exact and every character after the first non-blank one belongs to exactly one chunk.</summary>
public static class TextChunker
{
    public static IReadOnlyList<TextChunk> Chunk(string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        var maxChars = maxTokens * TokenEstimate.CharactersPerToken;
        var chunks = new List<TextChunk>();
        var chunkStart = 0;
        string? heading = null;
        string? chunkHeading = null;
        foreach (var block in TextBlocks.Of(text))
        {
            if (block.IsHeading || block.End - chunkStart > maxChars)
            {
                Flush(block.Start);
                if (block.IsHeading) heading = text[block.Start..block.End].TrimStart('#').Trim();
                chunkHeading = heading;
            }
            // A paragraph too long for any chunk is cut at whitespace; each full piece becomes a chunk.
            while (block.End - chunkStart > maxChars)
            {
                Flush(Cut(text, chunkStart, maxChars));
            }
        }
        Flush(text.Length);
        return chunks;

        void Flush(int end)
        {
            if (end <= chunkStart) return;
            var body = text[chunkStart..end];
            if (!string.IsNullOrWhiteSpace(body))
            {
                chunks.Add(new TextChunk(chunks.Count, chunkStart, end - chunkStart, body, chunkHeading, TokenEstimate.Of(body)));
            }
            else if (chunks.Count > 0)
            {
                // Whitespace alone is no chunk; it joins the previous one so offsets still cover the whole text.
                var last = chunks[^1];
                var merged = text.Substring(last.Start, end - last.Start);
                chunks[^1] = last with { Length = merged.Length, Text = merged, EstimatedTokens = TokenEstimate.Of(merged) };
            }
            chunkStart = end;
        }
    }

    private static int Cut(string text, int start, int maxChars)
    {
        var limit = start + maxChars;
        for (var i = limit; i > start + maxChars / 2; i--)
        {
            if (char.IsWhiteSpace(text[i - 1])) return i;
        }
        // No whitespace in the second half: cut hard, but never between the halves of a surrogate pair.
        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }
}
