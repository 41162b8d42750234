using System.Text.Json;
using Strata.Core.Operations;

namespace Strata.Core.Storage;

/// <summary>
/// A snapshot's provenance (each field → the observation that won it) as JSON text. When one observation won every
/// field, as after a structured write, the text is that observation's id alone (a JSON string) rather than the id
/// once per field: about 130 bytes less per contact on disk. Read against the snapshot's fields, it gives the same
/// map, in the same order. A map of several winners stays a JSON object, and either form reads back.
/// </summary>
public static class StoredProvenance
{
    public static string Write(IReadOnlyDictionary<string, JsonElement> fields, IReadOnlyDictionary<string, string> provenance) =>
        SingleWinner(fields, provenance) is { } observationId
            ? JsonSerializer.Serialize(observationId, StrataJson.Wire.String)
            : StoredJson.Write(provenance);

    public static Dictionary<string, string> Read(string json, IReadOnlyDictionary<string, JsonElement> fields)
    {
        if (!json.StartsWith('"')) return StoredJson.ReadMap(json);
        var observationId = JsonSerializer.Deserialize(json, StrataJson.Wire.String)!;
        var provenance = new Dictionary<string, string>(fields.Count);
        foreach (var field in fields.Keys) provenance[field] = observationId;
        return provenance;
    }

    /// <summary>The observation that won every field, when the map names the fields in their order and one id for all.</summary>
    private static string? SingleWinner(IReadOnlyDictionary<string, JsonElement> fields, IReadOnlyDictionary<string, string> provenance)
    {
        if (provenance.Count == 0 || provenance.Count != fields.Count) return null;
        string? winner = null;
        using var fieldNames = fields.Keys.GetEnumerator();
        foreach (var (field, observationId) in provenance)
        {
            if (!fieldNames.MoveNext() || fieldNames.Current != field) return null;
            if (winner is null) winner = observationId;
            else if (winner != observationId) return null;
        }
        return winner;
    }
}
