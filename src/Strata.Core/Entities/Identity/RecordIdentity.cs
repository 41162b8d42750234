using System.Text.Json;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Entities.Identity;

/// <summary>One complete key of a record: its key set's fields with their normalised values, e.g.
/// <c>email=ada@example.com</c> or <c>given_name=ada|family_name=lovelace|birthday=1815-12-10</c>.</summary>
/// <param name="Hash">What the store indexes the key by (type and text hashed: fixed length, no values in the index).</param>
public sealed record IdentityKey(string Text, bool LastResort, string Hash);

/// <summary>
/// Who a record says it is: its complete keys in the schema's order (strong keys first, then last-resort ones), the
/// normalised values of the fields that identify, and a key from its whole content for a record without any.
/// </summary>
public sealed record RecordIdentity(
    string EntityType,
    IReadOnlyList<IdentityKey> Keys,
    IReadOnlyDictionary<string, string> Identifying,
    IReadOnlyList<string> Distinguishing,
    string ContentKey)
{
    /// <summary>The record's values of the distinguishing fields, e.g. <c>birthday=1950-01-01</c> (empty when it has none).</summary>
    public string DistinguishingText => string.Join('|', Distinguishing
        .Where(Identifying.ContainsKey).Select(f => $"{f}={Identifying[f]}"));

    public static RecordIdentity Of(SchemaDefinition schema, IReadOnlyDictionary<string, JsonElement> fields,
        IReadOnlyDictionary<string, JsonElement> content)
    {
        var declaration = IdentityDeclaration.Of(schema);
        var identifying = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in declaration.IdentifyingFields())
        {
            if (fields.TryGetValue(field, out var value)
                && IdentityValues.Normalize(field, schema.Fields.GetValueOrDefault(field), value) is { } normalized)
            {
                identifying[field] = normalized;
            }
        }
        var keys = new List<IdentityKey>();
        AddComplete(schema.EntityType, declaration.Keys, lastResort: false, identifying, keys);
        AddComplete(schema.EntityType, declaration.EffectiveLastResort, lastResort: true, identifying, keys);
        // The content written canonically as it is: the same text as through a JSON element of it, without making one.
        var contentKey = "content=" + Sha256Hex.Of(CanonicalJson.Serialize(content));
        return new RecordIdentity(schema.EntityType, keys, identifying, declaration.EffectiveDistinguishing, contentKey);
    }

    private static void AddComplete(string entityType, IReadOnlyList<IReadOnlyList<string>> sets, bool lastResort,
        Dictionary<string, string> identifying, List<IdentityKey> keys)
    {
        foreach (var set in sets)
        {
            if (set.Count == 0 || !set.All(identifying.ContainsKey)) continue;
            var text = string.Join('|', set.Select(f => $"{f}={identifying[f]}"));
            if (keys.All(k => k.Text != text)) keys.Add(new IdentityKey(text, lastResort, HashOf(entityType, text)));
        }
    }

    public static string HashOf(string entityType, string keyText) => Sha256Hex.OfParts("identity-key", entityType, keyText)[..32];
}
