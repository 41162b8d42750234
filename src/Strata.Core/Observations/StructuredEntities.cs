using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Core.Sources;
using Strata.Core.Text;

namespace Strata.Core.Observations;

/// <summary>An entity stated by a caller (<c>store</c>, <c>submit_interpretation</c>) as a record: an object with an
/// <c>entity_type</c> and field values, inline or under <c>fields</c>. One check for both, so both refuse the same inputs.</summary>
public static class StructuredEntities
{
    /// <param name="reserved">Top-level names that are not fields (e.g. <c>evidence</c>): left for the caller to read.</param>
    public static ExtractedRecord ToRecord(JsonElement entity, int index, long maxValueBytes, IReadOnlySet<string>? reserved = null)
    {
        if (entity.ValueKind != JsonValueKind.Object)
        {
            throw StrataException.Validation($"entities[{index}] must be an object, not {entity.ValueKind.ToString().ToLowerInvariant()}.");
        }
        if (StorableText.Find(entity, $"entities[{index}]") is { } problem)
        {
            // All or nothing: one bad string refuses the whole call, so the caller fixes it and sends the batch again.
            throw StrataException.Validation($"{problem}. Nothing in this call was stored.");
        }
        string? type = null;
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in entity.EnumerateObject())
        {
            if (property.Name == "entity_type")
            {
                type = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
            else if (reserved?.Contains(property.Name) == true)
            {
                continue;
            }
            else if (property.Name == "fields" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in property.Value.EnumerateObject()) fields[field.Name] = field.Value.Clone();
            }
            else
            {
                fields[property.Name] = property.Value.Clone();
            }
        }
        if (string.IsNullOrWhiteSpace(type))
        {
            throw StrataException.Validation($"entities[{index}] needs an entity_type (a string such as \"contact\").");
        }
        _ = IngestService.ValidTypeOrNull(type);
        if (ValueLimit.FirstOver(fields, maxValueBytes) is { } tooLong)
        {
            throw StrataException.Validation(
                $"entities[{index}].{tooLong.Field} is {tooLong.Bytes} bytes long, more than the limit of {maxValueBytes} bytes per value.");
        }
        return new ExtractedRecord(type, fields, $"index:{index}");
    }
}
