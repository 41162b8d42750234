using Strata.Core.Extraction.Packing;

namespace Strata.Core.Tests.Extraction;

public sealed class TextChunkerTests
{
    private const string Note = "# Weekly sync\n\nAda will send the contract.\nBob reviews it.\n\n## Tasks\n\n- call Carol\n- book room\n\n## Events\n\nLaunch on 2026-12-01.\n";

    [Fact]
    public void Headings_start_chunks_and_each_chunk_knows_its_heading_and_offsets()
    {
        var chunks = TextChunker.Chunk(Note, maxTokens: 1000);

        Assert.Equal(["Weekly sync", "Tasks", "Events"], chunks.Select(c => c.Heading));
        foreach (var chunk in chunks) Assert.Equal(Note.Substring(chunk.Start, chunk.Length), chunk.Text);
        Assert.StartsWith("## Tasks", chunks[1].Text);
    }

    [Fact]
    public void Chunks_cover_the_text_contiguously()
    {
        var chunks = TextChunker.Chunk(Note, maxTokens: 8);

        Assert.Equal(0, chunks[0].Start);
        for (var i = 1; i < chunks.Count; i++) Assert.Equal(chunks[i - 1].Start + chunks[i - 1].Length, chunks[i].Start);
        Assert.Equal(Note.Length, chunks[^1].Start + chunks[^1].Length);
        Assert.Equal(Note, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Paragraphs_join_while_they_fit_the_budget_and_no_chunk_exceeds_it()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, 40).Select(i => $"Paragraph {i:00} says something."));

        var chunks = TextChunker.Chunk(text, maxTokens: 30);

        Assert.InRange(chunks.Count, 8, 20);
        Assert.All(chunks, c => Assert.True(c.EstimatedTokens <= 30, $"chunk {c.Index} has {c.EstimatedTokens} tokens"));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_paragraph_larger_than_the_budget_is_cut_at_whitespace()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 500));

        var chunks = TextChunker.Chunk(text, maxTokens: 50);

        Assert.True(chunks.Count >= 10);
        Assert.All(chunks, c => Assert.True(c.Length <= 200));
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith(" ", c.Text));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_long_text_is_chunked_in_one_pass()
    {
        // 4 MB in one paragraph-rich text: a quadratic chunker would not finish in the test's lifetime.
        var text = string.Concat(Enumerable.Repeat("Some sentence in a paragraph.\n\n", 130_000));

        var chunks = TextChunker.Chunk(text, maxTokens: 500);

        Assert.Equal(text.Length, chunks.Sum(c => c.Length));
    }
}
