using System.Globalization;
using System.Text.Json;
using Strata.Core.Schemas;

namespace Strata.Core.Exports;

/// <summary>A stored JSON value as a typed cell of the column its schema field declares.</summary>
internal static class JsonCells
{
    public static ExportValueKind KindOf(FieldDefinition field) => field.Type switch
    {
        FieldTypes.Number => ExportValueKind.Number,
        FieldTypes.Boolean => ExportValueKind.Boolean,
        FieldTypes.Date => ExportValueKind.Date,
        FieldTypes.Datetime => ExportValueKind.Timestamp,
        FieldTypes.Array or FieldTypes.Object => ExportValueKind.Json,
        _ => ExportValueKind.Text,
    };

    /// <summary>JSON text without spaces: PostgreSQL's jsonb gives a value back spaced, SQLite as it was written, and
    /// an export must not differ by the database it came from.</summary>
    public static string Compact(JsonElement value) => JsonSerializer.Serialize(value, Options);

    /// <summary>As the wire writes: text not needlessly \u-escaped (a "+" stays "+"), so a cell reads as it was stored.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The cell, or false when the value does not have the column's type (it then goes out untyped, not lost).</summary>
    public static bool TryConvert(JsonElement value, ExportValueKind kind, out object? cell)
    {
        cell = null;
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return true;
        }
        switch (kind)
        {
            case ExportValueKind.Json:
                cell = Compact(value);
                return true;
            case ExportValueKind.Text:
                cell = value.ValueKind == JsonValueKind.String ? value.GetString() : Compact(value);
                return true;
            case ExportValueKind.Number when value.ValueKind == JsonValueKind.Number:
                cell = value.GetDouble();
                return true;
            case ExportValueKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                cell = value.GetBoolean();
                return true;
            case ExportValueKind.Date when value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                cell = date;
                return true;
            case ExportValueKind.Timestamp when value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                cell = time.ToUniversalTime();
                return true;
            default:
                return false;
        }
    }
}
