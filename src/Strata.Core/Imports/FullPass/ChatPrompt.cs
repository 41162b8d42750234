using Strata.Core.Schemas;
using Strata.Core.Extraction;

namespace Strata.Core.Imports.FullPass;

/// <summary>The full pass's prompt: facts about the user from their own conversations, as the chat memory's types.</summary>
public static class ChatPrompt
{
    /// <summary>The entity types the full pass extracts (docs/chat-memory.md, "Full pass").</summary>
    public static readonly IReadOnlyList<string> Types = ["preference", "project", "event", "fact", "belief", "decision", "contact"];

    public const string Template = """
        You read a person's conversations with an AI assistant and record what they tell about themselves, for their memory.
        The text comes in sections, each <item id="..."> ... </item>; each message starts with a line such as [user 2024-03-01]
        or [assistant]. Record what the USER states about themselves and their life: preferences (one per topic), projects they
        work on (name, description), dated events, beliefs and values, decisions with their context, facts about them, and the
        people in their life with how each relates to them. What the assistant says is context, not a fact about the user.
        Use only these entity types and, for each, only its listed fields:
        {types}
        For every field give its value as written or normalised (dates as YYYY-MM-DD, date-times as ISO 8601) and an
        evidence quote: a short span copied character for character from one message of the item that states the value.
        Leave out what the text does not state; never invent values. An item with nothing to record gets an empty
        entities list. Answer through the record_entities tool only.
        """;

    public static ExtractionPrompt For(SchemaCatalog catalog) => ExtractionPrompt.For(catalog, Types, Template);
}
