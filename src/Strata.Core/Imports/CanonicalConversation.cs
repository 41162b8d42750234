using System.Text.Json.Serialization;
using System.Text.Json;

namespace Strata.Core.Imports;

/// <summary>
/// A conversation as Strata stores it, whatever the exporter: the bytes of its source. Written the same way every time
/// for the same conversation (fields in declaration order, no indentation), so the same conversation in a later export
/// is the same source and a changed one is a new source.
/// </summary>
public sealed record CanonicalConversation(
    string Provider,
    string Id,
    string? Title,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    string? ProjectId,
    IReadOnlyList<CanonicalMessage> Messages)
{
    public const string MediaType = "application/vnd.strata.conversation+json";

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, ImportsJsonContext.Default.CanonicalConversation);

    public static CanonicalConversation Read(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, ImportsJsonContext.Default.CanonicalConversation)
            ?? throw new InvalidDataException("A conversation source holds JSON null.");
}

/// <param name="Text">What the message says (its text and code parts): what blocks hold and evidence is located in.</param>
/// <param name="Parts">Every part, thinking and tool calls included, each as <c>kind</c> and text.</param>
/// <param name="Speaker">Who wrote it by name (generic message files). Left out of the JSON when null, so a ChatGPT or Claude
/// conversation stored before speakers existed is still the same bytes and deduplicates.</param>
public sealed record CanonicalMessage(
    string Id,
    string Role,
    DateTimeOffset? CreatedAt,
    string Text,
    IReadOnlyList<CanonicalPart> Parts,
    IReadOnlyList<CanonicalAttachment> Attachments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Speaker = null)
{
    /// <summary>A message as an exporter's reader builds it: its <see cref="Text"/> is its text and code parts, in order.
    /// Thinking, tool calls and tool results are kept as parts but are not the message's words.</summary>
    public static CanonicalMessage Of(string id, string role, DateTimeOffset? createdAt, IReadOnlyList<CanonicalPart> parts,
        IReadOnlyList<CanonicalAttachment> attachments, string? speaker = null) =>
        new(id, role, createdAt,
            string.Join("\n\n", parts.Where(p => p.Kind is ConversationPartKinds.Text or ConversationPartKinds.Code).Select(p => p.Text)),
            parts, attachments, speaker);
}

/// <param name="Kind">One of <see cref="ConversationPartKinds"/>, or <c>unknown:&lt;type&gt;</c> for a type not known.</param>
public sealed record CanonicalPart(string Kind, string Text);

/// <summary>A file or image named in a message; its bytes are not in the export's JSON.</summary>
public sealed record CanonicalAttachment(string Name, string? MediaType, long? Size)
{
    /// <summary>Text the exporter extracted from the file (Claude's <c>extracted_content</c>): counted against the import's
    /// limits while reading, not stored, so a conversation keeps the bytes it was first stored with.</summary>
    [JsonIgnore]
    public string? ExtractedText { get; init; }
}

public static class ConversationPartKinds
{
    public const string Text = "text";
    public const string Code = "code";
    public const string Thinking = "thinking";
    public const string ToolUse = "tool_use";
    public const string ToolResult = "tool_result";
    public const string Unknown = "unknown:";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CanonicalConversation))]
[JsonSerializable(typeof(ConversationQuickStats))]
[JsonSerializable(typeof(HistoryProfileView))]
internal sealed partial class ImportsJsonContext : JsonSerializerContext;
