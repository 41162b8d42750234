using System.Text.Json;

namespace Strata.Core.Operations;

public sealed record CorrectionResult(string ObservationId, string EntityId, string Field, JsonElement Value, int Priority);

public sealed record MergeResult(string FromEntityId, string ToEntityId, int ObservationsMoved, DateTimeOffset MergedAt);

/// <summary>An entity snapshot as every interface shows it.</summary>
/// <param name="CanonicalName">The name the entity was created under, which its id is derived from; it never changes.</param>
/// <param name="DisplayName">The name a person reads, computed from the current fields (a contact's name rather than
/// the email that identifies it), so it always agrees with them.</param>
public sealed record SnapshotView(
    string EntityId,
    string EntityType,
    string CanonicalName,
    string DisplayName,
    IReadOnlyDictionary<string, JsonElement> Fields,
    IReadOnlyDictionary<string, string> Provenance,
    int ObservationCount,
    DateTimeOffset UpdatedAt,
    string? MergedInto,
    string? RedirectedFrom);

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for (<c>include_total</c>), else null.</summary>
public sealed record EntityList(IReadOnlyList<SnapshotView> Entities, string? NextCursor, int? Total);

public sealed record ObservationView(
    string ObservationId,
    string EntityId,
    string? SourceId,
    string? RunId,
    string Kind,
    string Locator,
    int Priority,
    string State,
    IReadOnlyDictionary<string, JsonElement> Fields,
    string? Reason,
    DateTimeOffset ObservedAt,
    DateTimeOffset CreatedAt);

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for (<c>include_total</c>), else null.</summary>
public sealed record ObservationList(string EntityId, IReadOnlyList<ObservationView> Observations, string? NextCursor, int? Total);

/// <summary>Value → observation → run (with its config) → source (with its hash and file name).</summary>
public sealed record ProvenanceChain(
    string EntityId,
    string Field,
    JsonElement Value,
    ObservationView Observation,
    RunView? Run,
    SourceView? Source);

public sealed record TimelineEventView(string Date, string EntityId, string EntityType, string CanonicalName, string Label, string Field);

public sealed record TimelineList(IReadOnlyList<TimelineEventView> Events, int Total);
