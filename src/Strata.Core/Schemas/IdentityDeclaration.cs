using System.Text.Json.Serialization;

namespace Strata.Core.Schemas;

/// <summary>
/// How records of a type are recognised as one entity (docs/resolution.md, "Identity keys").
/// </summary>
/// <param name="Keys">Key sets tried in order; a record is identified by the first set whose fields all have values.
/// Two records with equal values for such a set are one entity unless a <paramref name="Distinguishing"/> field disagrees.</param>
/// <param name="LastResort">Weaker key sets (a name alone), tried after <paramref name="Keys"/>: a record joins an entity
/// through one only when exactly one entity has that key and none of the fields that identify (those named in any key set
/// or in <paramref name="Distinguishing"/>) disagree.</param>
/// <param name="Distinguishing">Fields whose disagreement keeps two records apart even when a key matches (a birthday).</param>
/// <param name="Corroborating">Fields that are no key and do not keep strong-key matches apart, but must not disagree
/// for a last-resort (name-only) join: a contact's postcode. Two "Isabella Nguyen" rows with different postcodes and
/// one birthday missing are two people as often as one, so they stay apart and become a duplicate candidate. Not
/// written when absent, so a schema without it keeps its uid.</param>
public sealed record IdentityDeclaration(
    IReadOnlyList<IReadOnlyList<string>> Keys,
    IReadOnlyList<IReadOnlyList<string>>? LastResort = null,
    IReadOnlyList<string>? Distinguishing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Corroborating = null)
{
    public IReadOnlyList<IReadOnlyList<string>> EffectiveLastResort => LastResort ?? [];

    public IReadOnlyList<string> EffectiveDistinguishing => Distinguishing ?? [];

    public IReadOnlyList<string> EffectiveCorroborating => Corroborating ?? [];

    /// <summary>The fields whose values say who a record is: every key, distinguishing and corroborating field.</summary>
    public IReadOnlySet<string> IdentifyingFields() =>
        Keys.Concat(EffectiveLastResort).SelectMany(k => k).Concat(EffectiveDistinguishing).Concat(EffectiveCorroborating)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The identity of a schema that declares none: each canonical-name rule is a key set, and a
    /// <c>birthday</c> field, when declared, distinguishes.</summary>
    public static IdentityDeclaration Of(SchemaDefinition schema) =>
        schema.Identity ?? new IdentityDeclaration(
            schema.CanonicalName.Select(rule => (IReadOnlyList<string>)rule.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList(),
            null,
            schema.Fields.ContainsKey("birthday") ? ["birthday"] : null);
}
