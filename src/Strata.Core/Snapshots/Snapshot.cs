using System.Text.Json;

namespace Strata.Core.Snapshots;

/// <summary>What is true now about an entity: per field the winning value and the observation that won it.</summary>
public sealed record Snapshot(
    string EntityId,
    string EntityType,
    string CanonicalName,
    IReadOnlyDictionary<string, JsonElement> Fields,
    IReadOnlyDictionary<string, string> Provenance,
    int ObservationCount,
    DateTimeOffset UpdatedAt,
    string? MergedInto);

/// <summary>A dated field of an entity, shown on the timeline.</summary>
/// <param name="Label">What a person reads: the entity's display name (<see cref="DisplayNames"/>).</param>
public sealed record TimelineEvent(string EntityId, string EntityType, string CanonicalName, string Label, string Field, string Date);

public sealed record TimelineQuery(string? From, string? To, string? EntityType, Paging Paging);
