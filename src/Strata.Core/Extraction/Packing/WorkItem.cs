namespace Strata.Core.Extraction.Packing;

/// <summary>One unit of LLM work (a chunk of a source, a block, a piece of a conversation): its id (the run
/// item's), the text the model reads, and the tokens it is expected to take in and give out.</summary>
public sealed record WorkItem(string Id, string Text, int InputTokens, int ExpectedOutputTokens)
{
    public static WorkItem FromChunk(string id, TextChunk chunk, int expectedOutputTokens) =>
        new(id, chunk.Text, chunk.EstimatedTokens, expectedOutputTokens);
}
