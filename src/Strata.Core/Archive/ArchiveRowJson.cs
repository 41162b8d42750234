using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Core.Archive;

/// <summary>A row as one JSONL line: an object of column → scalar, in column order.</summary>
internal static class ArchiveRowJson
{
    public static void Write(Utf8JsonWriter writer, ArchiveRow row)
    {
        writer.WriteStartObject();
        foreach (var (column, value) in row.Values)
        {
            switch (value)
            {
                case null: writer.WriteNull(column); break;
                case string text: writer.WriteString(column, text); break;
                case long number: writer.WriteNumber(column, number); break;
                case double fraction: writer.WriteNumber(column, fraction); break;
                case bool flag: writer.WriteBoolean(column, flag); break;
                default: throw new InvalidOperationException($"An archive value of type {value.GetType().Name} in column {column}.");
            }
        }
        writer.WriteEndObject();
    }

    public static ArchiveRow Read(string line, string entry, long lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            var values = new List<KeyValuePair<string, object?>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values.Add(new(property.Name, Scalar(property.Value)));
            }
            return new ArchiveRow(values);
        }
        catch (JsonException e)
        {
            throw new StrataException(ErrorCodes.ArchiveInvalid, $"Line {lineNumber} of {entry} in the archive is not a row ({e.Message}).");
        }
    }

    private static object? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        _ => throw new JsonException($"a {value.ValueKind} value where a scalar belongs"),
    };
}
