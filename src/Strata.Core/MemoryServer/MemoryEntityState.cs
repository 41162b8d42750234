using System.Text.Json;
using Strata.Core.Observations;

namespace Strata.Core.MemoryServer;

/// <summary>
/// What a <c>memory_entity</c> holds now, kept in its row so that <c>search_nodes</c> reads it instead of folding the
/// entity's observations (issue 28): the name its relations are named by (the first name its accepted observations
/// give, as <see cref="MemoryEntityFold.EntityIds"/> names them) and, in the profile's own shape, every profile entity it
/// holds (<see cref="MemoryEntity"/>: name, entityType, observation strings in order; one, or several where Strata merged
/// entities, or none once deleted). It is the <see cref="MemoryEntityFold"/> of all the entity's observations, computed
/// with the snapshot from the same list (<see cref="Snapshots.SnapshotRefresher.Prepare"/>), so every path that
/// refreshes a snapshot — the profile's tools, the import, Strata's own writes, merges, splits, reviews — keeps it in the
/// same transaction. Stores made before it was kept have it filled by their migration (0350).
/// </summary>
public sealed record MemoryEntityState(string? Name, string Json)
{
    /// <summary>The fold of <paramref name="observations"/> (all the entity has, in the order written).</summary>
    public static MemoryEntityState Of(IEnumerable<Observation> observations)
    {
        var fold = new MemoryEntityFold();
        foreach (var observation in observations) fold.Apply(observation);
        return new MemoryEntityState(fold.EntityIds.Keys.FirstOrDefault(), JsonSerializer.Serialize(fold.Entities.ToList(), Context.ListMemoryEntity));
    }

    /// <summary>The profile entities a kept state holds, ordered by name.</summary>
    public static IReadOnlyList<MemoryEntity> Held(string json) => JsonSerializer.Deserialize(json, Context.ListMemoryEntity) ?? [];

    /// <summary>Source-generated, so that neither the first write of a process (its warm-up) nor the first search builds
    /// the metadata by reflection; names and strings kept as they are, not escaped to <c>\uXXXX</c>.</summary>
    private static readonly CoreJsonContext Context =
        new(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
