namespace Strata.Core.Recall;

/// <summary>Ranked evidence for a question, and a context string citing it within the token budget.</summary>
/// <param name="Partial">True when something was not searched or a bound cut the search short: <see cref="PartialReasons"/> says what.</param>
/// <param name="TimeWindow">The time the question names, as read ("last spring" → its dates), when it names one.</param>
/// <param name="Signals">The signals that ran, each with how many candidates it gave.</param>
public sealed record RecallAnswer(
    string Query,
    IReadOnlyList<RecallResult> Results,
    string Context,
    int ContextTokens,
    bool Partial,
    IReadOnlyList<string> PartialReasons,
    RecallTimeWindow? TimeWindow,
    IReadOnlyDictionary<string, int> Signals);

/// <param name="Kind">message, block, entity, relation or observation.</param>
/// <param name="Text">The whole message, block text, the entity's values, or the relation (its ends' names, type, properties).</param>
/// <param name="Score">The fused score (weighted reciprocal rank fusion).</param>
/// <param name="Scores">Per signal that found it, its own score (BM25, neighbour, …).</param>
public sealed record RecallResult(string Kind, string Text, double Score, IReadOnlyDictionary<string, double> Scores, RecallProvenance Provenance);

/// <summary>Where a result comes from, down to characters: <see cref="CharStart"/>..<see cref="CharEnd"/> of the block's
/// (message's) text is <see cref="RecallResult.Text"/>.</summary>
public sealed record RecallProvenance
{
    public string? DocumentId { get; init; }
    public string? DocumentName { get; init; }
    public string? SourceId { get; init; }
    public string? BlockUid { get; init; }
    public int? BlockIndex { get; init; }
    public string? ConversationId { get; init; }
    public string? MessageId { get; init; }
    public string? Speaker { get; init; }
    public string? Role { get; init; }
    public DateTimeOffset? Time { get; init; }
    public IReadOnlyList<string>? HeadingPath { get; init; }
    public int? CharStart { get; init; }
    public int? CharEnd { get; init; }
    public string? EntityId { get; init; }
    public string? EntityType { get; init; }

    /// <summary>An observation's field: its value is the result's text.</summary>
    public string? Field { get; init; }

    /// <summary>Per field of an entity, the observation that supplied its value (follow it with get_field_provenance).</summary>
    public IReadOnlyDictionary<string, string>? FieldObservations { get; init; }

    /// <summary>A relation's ends and type, and the observation that states it with its run (follow them with get_run and
    /// get_source_content to the source's characters) and the validity it gives.</summary>
    public string? FromEntityId { get; init; }
    public string? RelationType { get; init; }
    public string? ToEntityId { get; init; }
    public string? ObservationId { get; init; }
    public string? RunId { get; init; }
    public DateTimeOffset? ValidFrom { get; init; }
    public DateTimeOffset? ValidTo { get; init; }
}

public sealed record RecallTimeWindow(string Expression, DateTimeOffset From, DateTimeOffset To);
