using System.Text.Json;
using Strata.Core.Duplicates.Scoring;
using Strata.Core.Storage;

namespace Strata.Core.Duplicates;

/// <summary>A scored pair's reasons as stored and shown: per field the word (<c>agree</c>, <c>transposed</c>…) or
/// the similarity rounded to two places.</summary>
public static class PairReasons
{
    public static string ToJson(PairScore score)
    {
        var reasons = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in score.Fields)
        {
            reasons[field.Field] = field.Word is { } word
                ? JsonSerializer.SerializeToElement(word, Operations.StrataJson.Wire.String)
                : JsonSerializer.SerializeToElement(Math.Round(field.Similarity, 2), Operations.StrataJson.Wire.Double);
        }
        return StoredJson.Write(reasons);
    }
}
