using System.Text.Json.Serialization;

namespace Strata.Core.Operations;

/// <summary>The result of <c>ingest</c>, identical on the CLI (<c>--json</c>), REST and MCP.</summary>
/// <param name="OriginalFilename">The source's name: the one given when its bytes were first stored. A source is
/// immutable, so a dedupe keeps it (and says so in <see cref="InterpretationOutcome.Reason"/>).</param>
/// <param name="FileName">The name given to this call (its last segment), which a dedupe does not store.</param>
public sealed record IngestResult(
    string SourceId,
    string ContentHash,
    long ByteSize,
    string MimeType,
    string? OriginalFilename,
    bool Deduplicated,
    string StorageStatus,
    InterpretationOutcome Interpretation,
    string? FileName = null);

/// <summary>Either a run's summary or why no run was made (<c>skipped: true</c> and a reason).</summary>
public sealed record InterpretationOutcome
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ObservationsCreated { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? UnknownFieldsCount { get; init; }

    /// <summary>Values left out of the run because they are longer than the value limit (each kept as a raw fragment
    /// saying where it was and how long, without the value); absent when none was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ValuesTooLong { get; init; }

    /// <summary>How many of the run's items (an LLM run's chunks, a chat pass's) failed; absent for a run without items. With
    /// every item failed the run is <c>failed</c>; with some, <c>completed</c> and its error says how many of how many.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ItemsFailed { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EntityRef>? Entities { get; init; }

    /// <summary>How many entities the run touched; <see cref="Entities"/> lists at most <see cref="MaxListed"/> of them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EntitiesTotal { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Skipped { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    public const int MaxListed = 1000;

    public static InterpretationOutcome SkippedBecause(string reason) => new() { Skipped = true, Reason = reason };
}

public sealed record EntityRef(string EntityId, string EntityType, string ObservationId);

/// <summary>The result of <c>store</c> / <c>ingest_structured</c>.</summary>
public sealed record StoreResult(
    string SourceId,
    string RunId,
    IReadOnlyList<StoredEntity> Entities,
    int UnknownFieldsCount)
{
    /// <summary>The relations the write stated (absent when it stated none, so a write of entities alone answers as before).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StoredRelation>? Relations { get; init; }
}

/// <summary>A relation a structured write observed; <c>ended</c> counts the relations of a one-at-a-time type it ended.</summary>
public sealed record StoredRelation(string ObservationId, string FromEntityId, string RelationType, string ToEntityId, string State, int Ended);

/// <param name="Action"><c>created</c> (a new entity), <c>updated</c> (a new observation of a known entity) or
/// <c>unchanged</c> (a retried write: the observation already existed).</param>
public sealed record StoredEntity(string EntityId, string EntityType, string ObservationId, string Action);

public static class StoreActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
}
