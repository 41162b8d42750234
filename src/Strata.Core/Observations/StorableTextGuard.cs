using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Core.Observations;

/// <summary>
/// Refuses text no database can keep as sent: the NUL character (U+0000), which PostgreSQL's text and JSONB cannot
/// store, and a lone surrogate (\ud800 with no pair), which is not Unicode at all. Before this check the first was
/// stored on SQLite and an internal error on PostgreSQL, and the second an internal error on both; now both are
/// VALIDATION_FAILED on both databases, before anything is written.
/// </summary>
internal static class StorableTextGuard
{
    public static void Check(JsonElement value, string where)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(() => value.GetString()!, where);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var name = CheckText(() => property.Name, $"a field name in {where}");
                    Check(property.Value, $"{where}.{name}");
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray()) Check(item, $"{where}[{index++}]");
                break;
        }
    }

    private static string CheckText(Func<string> read, string where)
    {
        string text;
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            throw StrataException.Validation($"{where} is not valid Unicode text (it holds a lone surrogate, such as \\ud800 without its pair).");
        }
        if (text.Contains('\0'))
        {
            throw StrataException.Validation($"{where} contains the NUL character (U+0000), which Strata cannot store; remove it.");
        }
        return text;
    }
}
