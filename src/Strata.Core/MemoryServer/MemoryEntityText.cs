using System.Text;
using System.Text.Json;
using Strata.Core.Observations;

namespace Strata.Core.MemoryServer;

/// <summary>
/// The text a <c>memory_entity</c> keeps for <c>search_nodes</c> to choose what to fold (<see cref="MemorySearch.MayMatch"/>):
/// every name, <c>memory_type</c> and observation string its observations hold, each once, one a line. It is computed with
/// the snapshot, from all the entity's observations (whichever wrote them: the profile, the import, a structured write, a
/// merge or a split), so it holds every string the entity's fold can hold now, and more (strings since removed or
/// deleted): a superset is all the choice needs, the fold then decides. Longer than <see cref="MaxLength"/>, it is not
/// kept (null): that entity is then folded by every search.
/// </summary>
public static class MemoryEntityText
{
    /// <summary>Characters; about a hundred observations of a long sentence each.</summary>
    public const int MaxLength = 32_768;

    public static string? Of(IEnumerable<Observation> observations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var observation in observations)
        {
            foreach (var value in Strings(observation.Fields))
            {
                if (value.Length == 0 || !seen.Add(value)) continue;
                if (text.Length > 0) text.Append('\n');
                text.Append(value);
                if (text.Length > MaxLength) return null;
            }
        }
        return text.ToString();
    }

    private static readonly string[] NamedFields = ["name", "memory_type"];

    private static IEnumerable<string> Strings(IReadOnlyDictionary<string, JsonElement> fields)
    {
        foreach (var field in NamedFields)
        {
            if (fields.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.String) yield return value.GetString()!;
        }
        if (fields.TryGetValue("observations", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) yield return item.GetString()!;
            }
        }
    }
}
