namespace Strata.Core.Memory.Sections;

/// <summary>The instructions of the model-written parts of MEMORY.md. They ask for prose about what is given only: the
/// facts stay the record, so a summary may leave things out but must not add any.</summary>
internal static class MemoryPrompts
{
    public const string SummaryField = "summary";

    public const string SummarizeFacts = """
        You are given lines of a person's memory, each "Section: fact", taken from their conversations with assistants.
        Write a short paragraph (at most 120 words) in the third person about who they are, what they work on, what they
        prefer and what they decided. Use only what the lines say; do not guess or add. Answer in the field "summary".
        """;

    public const string SummarizeSummaries = """
        You are given several paragraphs, each summarising part of a person's memory. Merge them into one paragraph of at
        most 150 words, keeping the most important and recent points. Use only what the paragraphs say. Answer in the field
        "summary".
        """;

    public const string Profile = """
        You are given messages a person wrote to assistants, separated by "---". Describe, in one or two sentences each:
        "communication_style" (how they write and ask: length, structure, directness), "tone" (formal, casual, warm,
        terse...), and "boundaries" (what they ask assistants to do or not to do, such as formats, topics or behaviour
        they object to; say "None stated." when there are none). Describe only what the messages show.
        """;
}
