namespace Strata.Core.Imports;

/// <summary>Where a fact from a chat import was said: per field of the observation, the message and the exact words.</summary>
/// <param name="EntityId">The entity the observation is of (after merges, the one that answers for it now).</param>
/// <param name="Field">The field asked about; null when asked by observation id (every field is listed).</param>
/// <param name="SourceId">The observation's source: a conversation for a chat fact, else where the value came from.</param>
public sealed record ChatEvidenceView(string ObservationId, string EntityId, string? Field, string? SourceId, IReadOnlyList<MessageEvidenceView> Evidence);

/// <summary>One field's quote in its message.</summary>
/// <param name="Text">The characters <c>[char_start, char_start + char_length)</c> of the stored message's text, sliced from the
/// conversation's source: the exact words. Null when the quote was not found in one message (<see cref="Found"/> false).</param>
/// <param name="Quote">The quote as the model gave it.</param>
public sealed record MessageEvidenceView(
    string Field,
    string ImportId,
    string SourceId,
    string ConversationId,
    string? ConversationTitle,
    int MessageIndex,
    string MessageId,
    string BlockUid,
    string Role,
    DateTimeOffset? Time,
    bool Found,
    int? CharStart,
    int? CharLength,
    string? Text,
    string Quote);
