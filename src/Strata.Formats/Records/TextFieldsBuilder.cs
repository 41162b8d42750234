using System.Buffers;
using System.Text.Json;

namespace Strata.Formats.Records;

/// <summary>
/// Collects a record's text values (single strings or lists of strings) and turns them into JSON strings.
/// All values of one record share one small JSON document instead of one document per value.
/// </summary>
internal sealed class TextFieldsBuilder
{
    private readonly List<KeyValuePair<string, object>> _fields = [];

    public int Count => _fields.Count;

    public void Add(string name, string value) => _fields.Add(new(name, value));

    public void Add(string name, IReadOnlyList<string> values) => _fields.Add(new(name, values));

    /// <summary>Adds the value unless it is null or empty: an absent field and an empty one mean the same here.</summary>
    public void AddIfPresent(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Add(name, value);
        }
    }

    public IReadOnlyDictionary<string, JsonElement> Build()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _fields)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
            writer.WriteEndObject();
        }

        var root = JsonElement.Parse(buffer.WrittenSpan);
        var fields = new Dictionary<string, JsonElement>(_fields.Count, StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }
        return fields;
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        if (value is string text)
        {
            writer.WriteStringValue(text);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in (IReadOnlyList<string>)value)
        {
            writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }
}
