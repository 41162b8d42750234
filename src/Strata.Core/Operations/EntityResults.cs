using System.Text.Json;

namespace Strata.Core.Operations;

public sealed record CorrectionResult(string ObservationId, string EntityId, string Field, JsonElement Value, int Priority);

/// <param name="MergeId">The merge's audit id: what <c>unmerge</c> takes to undo it.</param>
public sealed record MergeResult(string FromEntityId, string ToEntityId, int ObservationsMoved, DateTimeOffset MergedAt, string MergeId);

/// <summary>An entity snapshot as every interface shows it.</summary>
/// <param name="CanonicalName">The name the entity was created under, which its id is derived from; it never changes.</param>
/// <param name="DisplayName">The name a person reads, computed from the current fields (a contact's name rather than
/// the email that identifies it), so it always agrees with them.</param>
/// <param name="Provenance">Per field, the observation that supplied its value. Always on a single snapshot; on a list
/// (<c>retrieve_entities</c>) only when asked for (<c>include_provenance</c>), else null.</param>
public sealed record SnapshotView(
    string EntityId,
    string EntityType,
    string CanonicalName,
    string DisplayName,
    IReadOnlyDictionary<string, JsonElement> Fields,
    IReadOnlyDictionary<string, string>? Provenance,
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
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, EvidenceView>? Evidence = null);

/// <summary>Where one value came from in its source (an LLM run's evidence): the model's quote and, when it was found,
/// its characters (UTF-16 offsets into the source's text; <c>start</c> and <c>length</c> null when it was not).</summary>
/// <param name="Match"><c>exact</c>, <c>normalized</c> (after folding whitespace, case, accents, quotes) or <c>none</c>.</param>
/// <param name="ItemIndex">The run item whose answer gave the value (<c>list_run_items</c> shows its character range).</param>
public sealed record EvidenceView(string Quote, bool EvidenceFound, int? Start, int? Length, string Match, int ItemIndex)
{
    public static EvidenceView Of(Llm.ObservationEvidence evidence) =>
        new(evidence.Quote, evidence.Found, evidence.Start, evidence.Length, evidence.Match, evidence.ItemIndex);
}

/// <summary>The run item an LLM value came from: its index and the characters of the source it covered.</summary>
public sealed record ProvenanceItem(int Index, int CharStart, int CharLength, string Status);

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for (<c>include_total</c>), else null.</summary>
public sealed record ObservationList(string EntityId, IReadOnlyList<ObservationView> Observations, string? NextCursor, int? Total);

/// <summary>Value → observation → run (with its config) → run item → characters (the evidence) → source (with its hash
/// and file name). <c>run_item</c> and <c>evidence</c> are null for a value no LLM run quoted.</summary>
public sealed record ProvenanceChain(
    string EntityId,
    string Field,
    JsonElement Value,
    ObservationView Observation,
    RunView? Run,
    SourceView? Source,
    ProvenanceItem? RunItem,
    EvidenceView? Evidence);

public sealed record TimelineEventView(string Date, string EntityId, string EntityType, string CanonicalName, string Label, string Field);

/// <summary>A page of dated events in date order: <see cref="NextCursor"/> continues it; <see cref="Total"/> only when asked for.</summary>
public sealed record TimelineList(IReadOnlyList<TimelineEventView> Events, string? NextCursor, int? Total);

/// <summary>The result of <c>split_entity</c> or <c>unmerge</c>: observations moved from one entity to another.</summary>
/// <param name="MergeId">The merge an unmerge undid; null for a split.</param>
public sealed record SplitResult(string SplitId, string FromEntityId, string ToEntityId, int ObservationsMoved, string? MergeId, DateTimeOffset SplitAt);

/// <summary>The result of <c>reresolve</c>: the moves made (or, with <see cref="DryRun"/>, the moves it would make).</summary>
public sealed record ReresolveResult(bool DryRun, int EntitiesExamined, IReadOnlyList<ReresolveMove> Moves);

/// <summary>One move: <c>split</c> (observations of <see cref="EntityId"/> to <see cref="ToEntityId"/>, which a dry run
/// cannot name yet) or <c>merge</c> (<see cref="EntityId"/> into <see cref="ToEntityId"/>).</summary>
public sealed record ReresolveMove(string Action, string EntityId, string? ToEntityId, int? ObservationsMoved, string Reason);
