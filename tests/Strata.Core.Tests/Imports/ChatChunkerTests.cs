using Strata.Core.Imports.Chunking;

namespace Strata.Core.Tests.Imports;

public sealed class ChatChunkerTests
{
    private static readonly IReadOnlyList<string> Messages = Conversation(300);

    [Theory]
    [InlineData("micro")]
    [InlineData("medium")]
    [InlineData("macro")]
    public void Chunks_cover_every_sentence_in_order_within_the_target_and_point_at_exact_characters(string tierName)
    {
        var tier = ChunkTier.All.Single(t => t.Name == tierName);

        var chunks = ChatChunker.Chunk(Messages, tier).ToList();

        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        var covered = Messages.Select(m => new bool[m.Length]).ToList();
        foreach (var chunk in chunks)
        {
            Assert.True(chunk.Spans.Sum(s => s.End - s.Start) <= tier.TargetChars, $"chunk {chunk.Index} is over the target");
            foreach (var span in chunk.Spans)
            {
                Assert.Contains(Messages[span.MessageIndex][span.Start..span.End].Trim(), chunk.Text);
                Array.Fill(covered[span.MessageIndex], true, span.Start, span.End - span.Start);
            }
        }
        for (var m = 0; m < Messages.Count; m++)
        {
            var missed = new string(Messages[m].Where((c, i) => !covered[m][i] && !char.IsWhiteSpace(c)).ToArray());
            Assert.True(missed.Length == 0, $"message {m} lost '{missed}'");
        }
    }

    [Fact]
    public void Medium_chunks_overlap_by_at_most_the_overlap_and_always_move_forward()
    {
        var chunks = ChatChunker.Chunk(Messages, ChunkTier.Medium).ToList();

        Assert.True(chunks.Count > 3);
        for (var i = 1; i < chunks.Count; i++)
        {
            var previous = chunks[i - 1].Spans.SelectMany(Characters).ToHashSet();
            var shared = chunks[i].Spans.SelectMany(Characters).Count(previous.Contains);
            Assert.InRange(shared, 1, ChunkTier.Medium.OverlapChars);
            Assert.True(Start(chunks[i]).CompareTo(Start(chunks[i - 1])) > 0);
        }
    }

    [Fact]
    public void Cuts_fall_at_sentence_ends_and_a_sentence_longer_than_the_target_is_cut_at_a_space()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("word", 200)) + ".";
        var chunks = ChatChunker.Chunk(["Short one. Another here!", longSentence], ChunkTier.Micro).ToList();

        Assert.Equal("Short one. Another here!", chunks[0].Text);
        Assert.All(chunks.Skip(1), c => Assert.StartsWith("word", c.Text));
        Assert.All(chunks.Skip(1), c => Assert.EndsWith("word", c.Text.TrimEnd('.')));
        Assert.Equal(longSentence.Length, chunks.Skip(1).SelectMany(c => c.Spans).Sum(s => s.End - s.Start));
    }

    [Fact]
    public void An_empty_conversation_has_no_chunks()
    {
        Assert.Empty(ChatChunker.Chunk([], ChunkTier.Medium));
        Assert.Empty(ChatChunker.Chunk(["", "   "], ChunkTier.Micro));
    }

    private static IEnumerable<(int, int)> Characters(ChatSpan span) =>
        Enumerable.Range(span.Start, span.End - span.Start).Select(i => (span.MessageIndex, i));

    private static (int, int) Start(ChatChunk chunk) => (chunk.Spans[0].MessageIndex, chunk.Spans[0].Start);

    private static IReadOnlyList<string> Conversation(int messages) =>
        Enumerable.Range(0, messages).Select(m => string.Join(' ', Enumerable.Range(0, 3 + m % 7).Select(s =>
            $"Sentence {s} of message {m} talks about topic {(m * 7 + s) % 13}{(s % 3 == 0 ? "!" : ".")}")) + (m % 5 == 0 ? "\nA new line" : ""))
        .ToList();
}
