using System.Text.Json;
using Strata.Core.Operations;

namespace Strata.Core.Storage;

/// <summary>Field maps as JSON text, the one form every storage adapter keeps them in.</summary>
public static class StoredJson
{
    public static string Write(IReadOnlyDictionary<string, JsonElement> fields) =>
        JsonSerializer.Serialize(fields as Dictionary<string, JsonElement> ?? new Dictionary<string, JsonElement>(fields), StrataJson.Wire.DictionaryStringJsonElement);

    public static string Write(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(map as Dictionary<string, string> ?? new Dictionary<string, string>(map), StrataJson.Wire.DictionaryStringString);

    /// <summary>The values share one parsed document: deserialising the map gave each value a document of its own,
    /// which was most of the cost of reading a page of snapshots. A repeated name keeps its last value, as before.</summary>
    public static Dictionary<string, JsonElement> ReadFields(string json)
    {
        var root = JsonElement.Parse(json);
        if (root.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }
        return fields;
    }

    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize(json, StrataJson.Wire.DictionaryStringString) ?? [];
}
