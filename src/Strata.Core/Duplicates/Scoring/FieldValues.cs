using System.Text.Json;
using Strata.Core.Entities;

namespace Strata.Core.Duplicates.Scoring;

/// <summary>The comparable texts of a snapshot field, normalised for its comparator: a list field gives each of its
/// values, emails are lower-case, phones digits, names and addresses normalised like canonical names.</summary>
public static class FieldValues
{
    private const int MaxValues = 8;

    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, JsonElement> fields, string field, string comparator)
    {
        if (!fields.TryGetValue(field, out var value)) return [];
        var texts = value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(Text).Take(MaxValues)
            : [Text(value)];
        return texts.Select(t => t is null ? "" : Normalize(t, comparator)).Where(t => t.Length > 0).Distinct().ToList();
    }

    public static string Normalize(string text, string comparator) => comparator switch
    {
        Comparators.Email => text.Trim().ToLowerInvariant(),
        Comparators.Phone => new string(text.Where(char.IsAsciiDigit).ToArray()),
        Comparators.Date => text.Trim(),
        Comparators.Exact => text.Trim().ToLowerInvariant(),
        Comparators.TokenSet => Words(text),
        _ => CanonicalNames.Normalize(text),
    };

    // Addresses keep every word: the canonical-name rules would drop a trailing "sa" (South Australia) as a company suffix.
    private static string Words(string text)
    {
        var folded = new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());
        return string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
