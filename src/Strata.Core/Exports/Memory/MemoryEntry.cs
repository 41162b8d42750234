using System.Text.Json;

namespace Strata.Core.Exports.Memory;

/// <summary>Where a value came from, as a person follows it back: the observation that won, how it was made (a
/// structured write, an interpretation, a correction), the source's file name and id, and when it was observed.</summary>
public sealed record MemoryCitation(string ObservationId, string Kind, string? SourceId, string? SourceName, string? RunId, DateTimeOffset ObservedAt);

/// <summary>One field's current value with its citation (null when the winning observation is gone from the store).</summary>
public sealed record MemoryValue(string Field, JsonElement Value, MemoryCitation? Cited);

/// <summary>A relation that holds now, from the entry's entity to another, cited like a value.</summary>
public sealed record MemoryRelation(string RelationType, string ToEntityId, string ToName, string PropertiesJson, DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo, MemoryCitation Cited);

/// <summary>One entity of the memory as a person reads it: its name, its values and relations, each cited.</summary>
public sealed record MemoryEntry(string EntityId, string EntityType, string Name, DateTimeOffset UpdatedAt, int ObservationCount,
    IReadOnlyList<MemoryValue> Values, IReadOnlyList<MemoryRelation> Relations);

/// <summary>What the export holds, stated at its top so a reader knows what was left out.</summary>
public sealed record MemoryExportHeader(DateTimeOffset ExportedAt, string? EntityType, DateTimeOffset? Since, DateTimeOffset? Until);
