using System.Text.Json.Serialization;

namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// A schema's duplicate-scoring section: which fields a duplicate scan compares and with which comparator, their
/// Fellegi–Sunter m/u probabilities, the two name fields that may be swapped, and the thresholds. Left out of a
/// schema, <see cref="DefaultScoring"/> derives one from the field names and types.
/// </summary>
/// <param name="Fields">Compared fields by name; fields not listed are not compared.</param>
/// <param name="Swap">Two name fields people write in either order (given and family name).</param>
/// <param name="Threshold">Pairs scoring at least this (0..1) are suggested; default the worker's duplicate threshold.</param>
/// <param name="AutoMergeThreshold">Pairs scoring at least this are merged by the scan (audited like any merge).
/// Off unless set.</param>
public sealed record DuplicateScoring(
    IReadOnlyDictionary<string, FieldScoring> Fields,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Swap = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AutoMergeThreshold = null);

/// <summary>How one field is compared.</summary>
/// <param name="Comparator">One of <see cref="Comparators"/>.</param>
/// <param name="M">Probability the field agrees when the two records are one (default per comparator).</param>
/// <param name="U">Probability it agrees by chance when they are two (default per comparator).</param>
public sealed record FieldScoring(
    string Comparator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? M = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? U = null);
