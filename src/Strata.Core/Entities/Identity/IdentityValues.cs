using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Entities.Identity;

/// <summary>
/// One value as identity compares it: emails whole and lower-case, phones as their digits, dates and times in ISO form
/// (coercion already wrote them so), numbers exactly with their sign (-50, -50.0 and "-50.00" are one value, 50 another),
/// names folded as canonical names are. Null when nothing identifying is left (an empty string, "n/a" punctuation).
/// </summary>
public static class IdentityValues
{
    public static string? Normalize(string field, FieldDefinition? definition, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Number:
                return Number(value.GetRawText());
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            case JsonValueKind.Array or JsonValueKind.Object:
                return CanonicalJson.Serialize(value);
        }
        if (definition?.Exact == true)
        {
            return Empty(value.GetString()!);
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0) return null;
        return definition?.Type switch
        {
            FieldTypes.Number => Number(text),
            FieldTypes.Date or FieldTypes.Datetime => text,
            _ when IsPhone(field) => Digits(text),
            _ when IsEmail(field) => text.ToLowerInvariant(),
            _ => Empty(CanonicalNames.Normalize(text)),
        };
    }

    private static bool IsPhone(string field) => field.Contains("phone", StringComparison.Ordinal)
        || field is "mobile" or "fax" or "tel" or "telephone";

    private static bool IsEmail(string field) => field.Contains("email", StringComparison.Ordinal);

    /// <summary>Digits only, so "+44 20 7946 0000" and "44-20-7946-0000" are one phone; null when there are none.</summary>
    private static string? Digits(string text)
    {
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c)) digits.Append(c);
        }
        return Empty(digits.ToString());
    }

    /// <summary>The exact decimal value with its sign and without trailing zeros; text that is no decimal stays as written.</summary>
    private static string? Number(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Empty(text.Trim());
        }
        if (number == 0m) return "0"; // -0 and 0.00 are zero
        var plain = number.ToString("F28", CultureInfo.InvariantCulture);
        return plain.Contains('.') ? plain.TrimEnd('0').TrimEnd('.') : plain;
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
