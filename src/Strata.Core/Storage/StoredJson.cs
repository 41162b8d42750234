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

    public static Dictionary<string, JsonElement> ReadFields(string json) =>
        JsonSerializer.Deserialize(json, StrataJson.Wire.DictionaryStringJsonElement) ?? [];

    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize(json, StrataJson.Wire.DictionaryStringString) ?? [];
}
