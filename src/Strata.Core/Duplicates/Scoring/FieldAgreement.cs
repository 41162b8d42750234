namespace Strata.Core.Duplicates.Scoring;

/// <summary>How one field of a pair compared: its similarity (0..1), the weight it added (bits, negative when it
/// disagrees), and the word a person reads (<c>agree</c>, <c>disagree</c>, <c>transposed</c>…) or null when the
/// similarity itself says it.</summary>
public sealed record FieldAgreement(string Field, double Similarity, double Weight, string? Word);
