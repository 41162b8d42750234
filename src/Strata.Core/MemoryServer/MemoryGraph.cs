using System.Text.Json.Serialization;

namespace Strata.Core.MemoryServer;

/// <summary>An entity as the MCP reference memory server shapes it (names exact, observations in the order added).</summary>
public sealed record MemoryEntity(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("entityType")] string EntityType,
    [property: JsonPropertyName("observations")] IReadOnlyList<string> Observations);

/// <summary>A relation as the reference shapes it: names at both ends, which need not be entities that exist.</summary>
public sealed record MemoryRelation(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("relationType")] string RelationType);

/// <summary><c>read_graph</c>, <c>search_nodes</c> and <c>open_nodes</c>: entities and relations.</summary>
public sealed record MemoryGraph(
    [property: JsonPropertyName("entities")] IReadOnlyList<MemoryEntity> Entities,
    [property: JsonPropertyName("relations")] IReadOnlyList<MemoryRelation> Relations);

/// <summary>One item of <c>add_observations</c>.</summary>
public sealed record MemoryObservationAddition(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("contents")] IReadOnlyList<string> Contents);

/// <summary>What <c>add_observations</c> added to one entity (those it already held are left out).</summary>
public sealed record MemoryAddedObservations(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("addedObservations")] IReadOnlyList<string> AddedObservations);

/// <summary>One item of <c>delete_observations</c>.</summary>
public sealed record MemoryObservationDeletion(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("observations")] IReadOnlyList<string> Observations);

/// <summary>The answer of the three delete tools, worded as the reference words it.</summary>
public sealed record MemoryDeletion(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);
