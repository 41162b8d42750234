using System.Globalization;
using System.Text.Json;
using Strata.Core.Interpretation;
using Strata.Core.Evidence;
using Strata.Core.Relations;

namespace Strata.Core.Extraction;

/// <summary>One entity read from an item's answer: the record to write and, per field, the quote and where it was found.</summary>
public sealed record AnsweredEntity(ExtractedRecord Record, IReadOnlyList<FieldEvidence> Evidence);

/// <summary>A field's evidence quote, located in the source text.</summary>
public sealed record FieldEvidence(string Field, string Quote, EvidenceSpan Span);

/// <summary>
/// Reads one item's answer (<c>{"item_id", "entities": [{"entity_type", "fields": [{"name", "value", "evidence"}]}],
/// "relations": [{"from", "relation_type", "to"}]}</c>)
/// into records. Each quote is looked for in the item's own characters first, then anywhere in the source (a model may
/// quote the heading an item sits under). A field named twice with different values keeps both as a list, which the
/// schema then accepts (a list field) or turns into a raw fragment: nothing the model said is dropped.
/// </summary>
public static class ItemAnswer
{
    public static IReadOnlyList<AnsweredEntity> Read(JsonElement answer, int itemIndex, int itemStart, int itemLength, EvidenceLocator locator)
    {
        if (!answer.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The answer for this item has no \"entities\" list.");
        }
        var read = new List<AnsweredEntity>();
        var position = 0;
        foreach (var entity in entities.EnumerateArray())
        {
            var locatorText = string.Create(CultureInfo.InvariantCulture, $"item:{itemIndex}:entity:{position++}");
            if (entity.ValueKind != JsonValueKind.Object) throw new FormatException($"{locatorText} is not an object.");
            var type = entity.TryGetProperty("entity_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var values = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
            var evidence = new List<FieldEvidence>();
            if (entity.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                foreach (var field in fields.EnumerateArray())
                {
                    if (field.ValueKind != JsonValueKind.Object
                        || !field.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                        || string.IsNullOrWhiteSpace(name.GetString()))
                    {
                        throw new FormatException($"{locatorText} has a field without a name.");
                    }
                    var fieldName = name.GetString()!.Trim();
                    var value = field.TryGetProperty("value", out var v) ? v.Clone() : default;
                    if (value.ValueKind == JsonValueKind.Undefined) continue;
                    if (!values.TryGetValue(fieldName, out var list)) values[fieldName] = list = [];
                    if (!list.Exists(known => JsonElement.DeepEquals(known, value))) list.Add(value);
                    if (field.TryGetProperty("evidence", out var quote) && quote.ValueKind == JsonValueKind.String
                        && evidence.TrueForAll(e => e.Field != fieldName))
                    {
                        evidence.Add(new FieldEvidence(fieldName, quote.GetString()!, Locate(locator, quote.GetString(), itemStart, itemLength)));
                    }
                }
            }
            var record = new ExtractedRecord(type, values.ToDictionary(p => p.Key, p => Single(p.Value), StringComparer.Ordinal), locatorText);
            read.Add(new AnsweredEntity(record, evidence));
        }
        return read;
    }

    /// <summary>The relations an item's answer states between its entities (<c>{"from", "relation_type", "to"}</c>, each end
    /// a position in the item's <c>entities</c>); none when the answer has no <c>relations</c> list.</summary>
    public static IReadOnlyList<RelationInput> Relations(JsonElement answer, int entityCount)
    {
        if (!answer.TryGetProperty("relations", out var relations) || relations.ValueKind == JsonValueKind.Null) return [];
        if (relations.ValueKind != JsonValueKind.Array) throw new FormatException("The answer's \"relations\" is not a list.");
        var read = relations.EnumerateArray().Select((relation, index) => RelationInput.Parse(relation, index, entityCount)).ToList();
        // A model names what it read in this item, never an id it cannot know.
        if (read.FindIndex(r => r.From.Index is null || r.To.Index is null) is var named and >= 0)
        {
            throw new FormatException($"relations[{named}]: from and to must be positions in this item's entities (0 for the first).");
        }
        return read;
    }

    private static EvidenceSpan Locate(EvidenceLocator locator, string? quote, int start, int length)
    {
        var inItem = locator.Locate(quote, start, length);
        return inItem.Found ? inItem : locator.Locate(quote);
    }

    private static JsonElement Single(List<JsonElement> values) => values.Count == 1
        ? values[0]
        : JsonSerializer.SerializeToElement(values, LlmRunJsonContext.Default.ListJsonElement);
}
