using System.Text.Json;
using Strata.Core.Observations;

namespace Strata.Core.MemoryServer;

/// <summary>
/// What the reference memory server would hold, folded from the profile's observations in the order they were written:
/// a <c>create</c> counts only while the name does not exist (the first entityType wins), <c>add</c> appends the strings
/// not held yet, <c>remove</c> drops strings, <c>delete</c> ends the entity (a later <c>create</c> starts it anew). An
/// observation with no <c>op</c> (an end of a relation named before its entity exists) changes nothing. Folding per exact
/// name, not per Strata entity, keeps names apart even where Strata has merged entities.
/// </summary>
internal sealed class MemoryEntityFold
{
    private readonly Dictionary<string, (string Type, List<string> Observations)> _held = new(StringComparer.Ordinal);

    /// <summary>Every name seen, held or not, with the Strata entity it was written to (relations name these).</summary>
    public Dictionary<string, string> EntityIds { get; } = new(StringComparer.Ordinal);

    public bool Holds(string name) => _held.ContainsKey(name);

    public IReadOnlyList<string> ObservationsOf(string name) => _held[name].Observations;

    public IEnumerable<MemoryEntity> Entities =>
        _held.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new MemoryEntity(pair.Key, pair.Value.Type, pair.Value.Observations));

    public void Apply(Observation observation)
    {
        if (observation.State != ObservationStates.Accepted || !Text(observation.Fields, "name", out var name)) return;
        EntityIds.TryAdd(name, observation.EntityId);
        Text(observation.Fields, MemoryEntityFields.Op, out var op);
        Apply(name, op, Text(observation.Fields, "memory_type", out var type) ? type : "", Strings(observation.Fields));
    }

    /// <summary>An entity as it is already folded (a kept <see cref="MemoryEntityState"/>), held as written to
    /// <paramref name="entityId"/>; a name already held keeps what it holds.</summary>
    public void Hold(MemoryEntity entity, string entityId)
    {
        if (_held.TryAdd(entity.Name, (entity.EntityType, [.. entity.Observations]))) EntityIds.TryAdd(entity.Name, entityId);
    }

    /// <summary>One step of the fold, also used to foresee what a call will change before it is written.</summary>
    public void Apply(string name, string op, string type, IReadOnlyList<string> strings)
    {
        switch (op)
        {
            case "create" when !_held.ContainsKey(name):
                _held[name] = (type, [.. strings]);
                break;
            case "add" when _held.TryGetValue(name, out var entity):
                // Those held before this call; a string given twice in one call is added twice, as the reference does.
                var before = entity.Observations.ToHashSet(StringComparer.Ordinal);
                entity.Observations.AddRange(strings.Where(s => !before.Contains(s)));
                break;
            case "remove" when _held.TryGetValue(name, out var entity):
                entity.Observations.RemoveAll(s => strings.Contains(s, StringComparer.Ordinal));
                break;
            case "delete":
                _held.Remove(name);
                break;
        }
    }

    private static bool Text(IReadOnlyDictionary<string, JsonElement> fields, string field, out string value)
    {
        value = fields.TryGetValue(field, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        return fields.ContainsKey(field);
    }

    private static List<string> Strings(IReadOnlyDictionary<string, JsonElement> fields) =>
        fields.TryGetValue("observations", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
