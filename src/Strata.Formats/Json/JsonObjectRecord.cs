using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;

namespace Strata.Formats.Json;

/// <summary>Turns one JSON object into a record: <c>entity_type</c> becomes the record's type, the rest its fields.</summary>
internal static class JsonObjectRecord
{
    public const string EntityTypeProperty = "entity_type";

    /// <param name="element">An object whose document outlives the record (cloned or parsed without pooling).</param>
    /// <param name="where">Where the object is, for messages: "element 3 of the array", "line 7".</param>
    public static ExtractedRecord From(JsonElement element, string locator, string where)
    {
        try
        {
            return Read(element, locator, where);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json will not decode a name or type holding a lone surrogate or bytes that are not UTF-8.
            throw StrataException.Malformed($"The object at {where} has a property name or entity_type that is not valid Unicode " +
                "(a lone surrogate such as \\ud800, or bytes that are not UTF-8).");
        }
    }

    private static ExtractedRecord Read(JsonElement element, string locator, string where)
    {
        string? entityType = null;
        var sawEntityType = false;
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        List<TooLongValue>? tooLong = null;
        foreach (var property in element.EnumerateObject())
        {
            if (OverlongStrings.Of(property.Name, property.Value) is { } cut)
            {
                (tooLong ??= []).Add(cut);
            }
            else if (property.NameEquals(EntityTypeProperty))
            {
                if (sawEntityType)
                {
                    throw DuplicateProperty(EntityTypeProperty, where);
                }
                sawEntityType = true;
                entityType = EntityTypeOf(property.Value, where);
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                throw DuplicateProperty(property.Name, where);
            }
        }
        return new ExtractedRecord(entityType, fields, locator) { TooLong = tooLong ?? [] };
    }

    /// <summary>The type named by an <c>entity_type</c> value; an empty string names none.</summary>
    public static string? EntityTypeOf(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw StrataException.Malformed(
                $"The '{EntityTypeProperty}' of {where} is {JsonKinds.Describe(value.ValueKind)}; it must be a string such as \"contact\".");
        }
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    public static StrataException DuplicateProperty(string name, string where) =>
        StrataException.Malformed($"The object at {where} has the property '{name}' more than once; which value to keep is ambiguous.");
}
