using System.Text.Json.Serialization;

namespace Strata.Core.Evidence;

/// <summary>Where an evidence quote sits in the source text, as UTF-16 character offsets into the original
/// text (not the normalised one), so <c>source.Substring(Start, Length)</c> is what the reader sees.</summary>
public sealed record EvidenceSpan(
    [property: JsonPropertyName("evidence_found")] bool Found,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("match")] EvidenceMatch Match)
{
    public static readonly EvidenceSpan NotFound = new(false, 0, 0, EvidenceMatch.None);
}
