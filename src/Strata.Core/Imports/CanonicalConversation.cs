using System.Text.Json;
using System.Text.Json.Serialization;

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Speaker = null);

public sealed record CanonicalPart(string Kind, string Text);

public sealed record CanonicalAttachment(string Name, string? MediaType, long? Size);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CanonicalConversation))]
[JsonSerializable(typeof(ConversationQuickStats))]
[JsonSerializable(typeof(HistoryProfileView))]
internal sealed partial class ImportsJsonContext : JsonSerializerContext;
