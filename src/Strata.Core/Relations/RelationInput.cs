using System.Globalization;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;

namespace Strata.Core.Relations;

/// <summary>One end of a relation as a caller names it: an entity id, or the index of an entity stated in the same call.</summary>
public sealed record RelationEnd(string? EntityId, int? Index)
{
    public override string ToString() => EntityId ?? $"entities[{Index}]";
}

/// <summary>A relation a caller states (asserts, ends with valid_to, or retracts) in a structured write.</summary>
public sealed record RelationInput(RelationEnd From, string RelationType, RelationEnd To, string PropertiesJson,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, bool Retract)
{
    /// <summary>Reads <c>{"from", "relation_type", "to", "properties"?, "valid_from"?, "valid_to"?, "retract"?}</c>; refuses
    /// anything else, naming <c>relations[index]</c>.</summary>
    public static RelationInput Parse(JsonElement relation, int index, int entityCount)
    {
        var at = $"relations[{index}]";
        if (relation.ValueKind != JsonValueKind.Object) throw StrataException.Validation($"{at} must be an object.");
        RelationEnd? from = null, to = null;
        string? type = null;
        var properties = "{}";
        DateTimeOffset? validFrom = null, validTo = null;
        var retract = false;
        foreach (var property in relation.EnumerateObject())
        {
            switch (property.Name)
            {
                case "from": from = End(property.Value, $"{at}.from", entityCount); break;
                case "to": to = End(property.Value, $"{at}.to", entityCount); break;
                case "relation_type" or "type":
                    type = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "properties":
                    if (property.Value.ValueKind != JsonValueKind.Object) throw StrataException.Validation($"{at}.properties must be an object.");
                    properties = CanonicalJson.Serialize(property.Value);
                    break;
                case "valid_from": validFrom = Time(property.Value, $"{at}.valid_from"); break;
                case "valid_to": validTo = Time(property.Value, $"{at}.valid_to"); break;
                case "retract": retract = property.Value.ValueKind == JsonValueKind.True; break;
                default: throw StrataException.Validation($"{at}.{property.Name} is not a part of a relation (from, relation_type, to, properties, valid_from, valid_to, retract).");
            }
        }
        if (from is null || to is null) throw StrataException.Validation($"{at} needs both from and to (an entity id, or the index of an entity in this call).");
        if (type is null || !RelationTypes.IsValidName(type))
        {
            throw StrataException.Validation($"{at} needs a relation_type: letters, digits, '_', '-', '.', ':' or spaces, at most {RelationTypes.MaxNameLength} characters (such as \"works_at\").");
        }
        if (validFrom is not null && validTo is not null && validTo <= validFrom)
        {
            throw StrataException.Validation($"{at}.valid_to must be after its valid_from.");
        }
        return new RelationInput(from, type, to, properties, validFrom, validTo, retract);
    }

    private static RelationEnd End(JsonElement value, string at, int entityCount) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 } id => new RelationEnd(id, null),
        JsonValueKind.Number when value.TryGetInt32(out var index) && index >= 0 && index < entityCount => new RelationEnd(null, index),
        _ => throw StrataException.Validation($"{at} must be an entity id (ent_...) or the index of one of the {entityCount} entities of this call."),
    };

    private static DateTimeOffset Time(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw StrataException.Validation($"{at} must be an ISO 8601 date or time (such as \"2025-01-31\").");
}
