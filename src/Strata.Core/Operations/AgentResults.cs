using System.Text.Json.Serialization;

namespace Strata.Core.Operations;

/// <summary>One page of a source's text (<c>get_source_content</c>). Offsets and lengths count UTF-16 code units, as
/// evidence offsets do, so a span from an observation can be read back with the same numbers.</summary>
/// <param name="TotalLength">The whole text's length, in the same units.</param>
/// <param name="NextOffset">Where the next page starts; null when this page reaches the end.</param>
public sealed record SourceContentView(
    string SourceId,
    string MimeType,
    long Offset,
    int Length,
    long TotalLength,
    long? NextOffset,
    string Text);

/// <summary>The result of <c>submit_interpretation</c>: the run it made, the entities it wrote, and where each evidence
/// quote was found.</summary>
public sealed record AgentInterpretationResult(
    string SourceId,
    string RunId,
    string Interpreter,
    string Agent,
    string? Model,
    IReadOnlyList<StoredEntity> Entities,
    int UnknownFieldsCount,
    IReadOnlyList<EvidenceResult> Evidence)
{
    /// <summary>The relations the interpretation stated (absent when it stated none).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StoredRelation>? Relations { get; init; }
}

/// <summary>One evidence quote located in the source. <paramref name="Field"/> is null for a quote given for the whole
/// entity. Not found: <c>evidence_found</c> false and no offsets (nothing is approximated).</summary>
public sealed record EvidenceResult(
    int EntityIndex,
    string? Field,
    [property: JsonPropertyName("evidence_found")] bool EvidenceFound,
    int? Start,
    int? Length,
    string Match);
