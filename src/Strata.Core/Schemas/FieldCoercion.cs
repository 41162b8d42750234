using System.Globalization;
using System.Text.Json;

namespace Strata.Core.Schemas;

/// <summary>
/// Brings a found value to a declared field's type. Lenient where the meaning is unambiguous (CSV gives every
/// value as text, so "12.5" is a fine number), strict otherwise: a value that does not fit is not guessed at.
/// </summary>
public static class FieldCoercion
{
    public static bool TryCoerce(JsonElement value, FieldDefinition field, out JsonElement coerced)
    {
        coerced = value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true; // an explicit null clears the field
        }

        switch (field.Type)
        {
            case FieldTypes.String:
                return value.ValueKind switch
                {
                    JsonValueKind.String => true,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Set(value.GetRawText(), out coerced),
                    _ => false,
                };
            case FieldTypes.Number:
                if (value.ValueKind == JsonValueKind.Number) return true;
                if (value.ValueKind == JsonValueKind.String
                    && decimal.TryParse(value.GetString()!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    coerced = JsonSerializer.SerializeToElement(number, CoreJsonContext.Default.Decimal);
                    return true;
                }
                return false;
            case FieldTypes.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return true;
                if (value.ValueKind == JsonValueKind.String && TryParseBoolean(value.GetString()!, out var flag))
                {
                    coerced = JsonSerializer.SerializeToElement(flag, CoreJsonContext.Default.Boolean);
                    return true;
                }
                return false;
            case FieldTypes.Date:
                return value.ValueKind == JsonValueKind.String && TryParseDate(value.GetString()!, out var date)
                    && Set(date, out coerced);
            case FieldTypes.Datetime:
                return value.ValueKind == JsonValueKind.String && TryParseDateTime(value.GetString()!, out var moment)
                    && Set(moment, out coerced);
            case FieldTypes.Array:
                if (value.ValueKind == JsonValueKind.Array) return true;
                if (value.ValueKind is JsonValueKind.Object) return false;
                coerced = JsonSerializer.SerializeToElement(new[] { value }, CoreJsonContext.Default.JsonElementArray);
                return true;
            case FieldTypes.Object:
                return value.ValueKind == JsonValueKind.Object;
            case FieldTypes.Enum:
                if (value.ValueKind != JsonValueKind.String || field.Values is null) return false;
                var text = value.GetString()!.Trim();
                var match = field.Values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
                return match is not null && Set(match, out coerced);
            default:
                return false;
        }
    }

    private static bool Set(string text, out JsonElement element)
    {
        element = JsonSerializer.SerializeToElement(text, CoreJsonContext.Default.String);
        return true;
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1":
                value = true;
                return true;
            case "false" or "no" or "n" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy-MM", "--MMdd"];

    public static bool TryParseDate(string text, out string date)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            date = exact.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }
        date = "";
        return false;
    }

    public static bool TryParseDateTime(string text, out string moment)
    {
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            moment = parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
            return true;
        }
        moment = "";
        return false;
    }
}
