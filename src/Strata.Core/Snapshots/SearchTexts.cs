using System.Text;
using System.Text.Json;
using Strata.Core.MemoryServer;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Snapshots;

/// <summary>The text an entity is searched by: the canonical name and every string and number in the fields, lower-cased,
/// each distinct value once (a contact's canonical name is usually its email field too). A <c>memory_entity</c>'s
/// bookkeeping (<see cref="MemoryEntityFields.Bookkeeping"/>: the tool call that wrote it and what it did) is not what it
/// says, so it is not searched: a call id alone was a quarter of such an entity's trigrams, each one new to the index.</summary>
/// <remarks>A function of the snapshot alone, so a store may keep it or compute it again from the fields it keeps
/// (SQLite since migration 0530 keeps only the index built from it, and computes it where a hit is checked).</remarks>
public static class SearchTexts
{
    public const int MaxLength = 4096;

    public static string Of(string entityType, string canonicalName, IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        var text = new StringBuilder(canonicalName);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { canonicalName };
        var memory = entityType == BuiltInSchemas.MemoryEntity;
        foreach (var (field, value) in fields)
        {
            if (memory && MemoryEntityFields.Bookkeeping.Contains(field)) continue;
            AppendStrings(text, seen, value);
            if (text.Length > MaxLength) break;
        }
        var result = text.ToString().ToLowerInvariant();
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }

    /// <summary>As <see cref="Of(string, string, IEnumerable{KeyValuePair{string, JsonElement}})"/>, from the fields as a
    /// snapshot row keeps them (a JSON object, or null for none).</summary>
    /// <remarks>Read as a snapshot reads them (<see cref="StoredJson.ReadFields"/>), so the text is the one the snapshot
    /// read from the same row would give.</remarks>
    public static string OfFieldsJson(string entityType, string canonicalName, string? fieldsJson) =>
        Of(entityType, canonicalName, string.IsNullOrEmpty(fieldsJson) ? [] : StoredJson.ReadFields(fieldsJson));

    private static void AppendStrings(StringBuilder text, HashSet<string> seen, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                Append(text, seen, value.GetString()!);
                break;
            case JsonValueKind.Number:
                Append(text, seen, value.GetRawText());
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) AppendStrings(text, seen, item);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject()) AppendStrings(text, seen, property.Value);
                break;
        }
    }

    private static void Append(StringBuilder text, HashSet<string> seen, string value)
    {
        if (seen.Add(value)) text.Append(' ').Append(value);
    }
}
