using Strata.Core.Schemas;

namespace Strata.Core.Duplicates.Scoring;

/// <summary>The duplicate scoring of a schema that declares none: names by Jaro-Winkler, dates by date agreement,
/// addresses (whole, or as street and city) as word sets, postcodes, emails and phones exactly. Other fields (free text, numbers, notes) are not
/// compared; a type with none of those kinds is compared on its canonical name (<see cref="CanonicalNameField"/>).</summary>
public static class DefaultScoring
{
    private static readonly HashSet<string> NameFields =
        ["name", "full_name", "given_name", "first_name", "family_name", "last_name", "surname", "middle_name"];

    private static readonly HashSet<string> WholeNames = ["name", "full_name"];

    private static readonly HashSet<string> ExactFields = ["postcode", "postal_code", "zip", "zip_code"];

    /// <summary>The pseudo-field that carries an entity's canonical name into scoring (never a declared field: the
    /// validator keeps schema field names from colliding with it only by the scan adding it last).</summary>
    public const string CanonicalNameField = "canonical_name";

    public static DuplicateScoring For(SchemaDefinition schema)
    {
        if (schema.Duplicates is not null) return schema.Duplicates;
        var fields = new Dictionary<string, FieldScoring>(StringComparer.Ordinal);
        foreach (var (name, field) in schema.Fields)
        {
            var comparator = Comparator(name, field);
            if (comparator is null) continue;
            // A whole name agrees by chance far more rarely than one of its parts.
            fields[name] = WholeNames.Contains(name) ? new FieldScoring(comparator, M: 0.9, U: 0.0002) : new FieldScoring(comparator);
        }
        // A type with no field of those kinds is compared on its canonical name, as words.
        if (fields.Count == 0) fields[CanonicalNameField] = new FieldScoring(Comparators.TokenSet);
        string[]? swap = fields.ContainsKey("given_name") && fields.ContainsKey("family_name") ? ["given_name", "family_name"] : null;
        return new DuplicateScoring(fields, swap);
    }

    private static string? Comparator(string name, FieldDefinition field)
    {
        if (field.Type is FieldTypes.Date) return Comparators.Date;
        if (field.Type is not (FieldTypes.String or FieldTypes.Array)) return null;
        if (NameFields.Contains(name)) return Comparators.Name;
        if (ExactFields.Contains(name)) return Comparators.Exact;
        if (name is "email" or "emails") return Comparators.Email;
        if (name is "phone" or "phones" or "mobile") return Comparators.Phone;
        if (name.Contains("address", StringComparison.Ordinal) || name is "street" or "city") return Comparators.TokenSet;
        return null;
    }
}
