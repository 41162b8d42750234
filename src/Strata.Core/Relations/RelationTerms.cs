using System.Text.Json;
using Strata.Core.Recall;

namespace Strata.Core.Relations;

/// <summary>
/// The words a relation observation is indexed under for recall (table relation_terms): its type's words
/// (<c>works_at</c> gives "work" and <c>works_at</c> whole) and its property values (strings as they are, other values as
/// JSON), analysed as recall analyses everything (<see cref="RecallTerms"/>). The ends' names are not among them: the
/// entity word index finds them, kept current as entities are renamed, merged and split. An inverse name is not either:
/// it belongs to the user's schemas of the day, so recall reads it from them when it asks (<see cref="Strata.Core.Recall.RelationRecallLayer"/>).
/// </summary>
public static class RelationTerms
{
    /// <summary>The distinct terms, in first-seen order (a stable order for the rows written).</summary>
    public static IReadOnlyList<string> Of(string relationType, string propertiesJson)
    {
        var terms = new List<string>(RecallTerms.Of(relationType));
        using var properties = JsonDocument.Parse(propertiesJson);
        if (properties.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.RootElement.EnumerateObject())
            {
                terms.AddRange(RecallTerms.Of(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
            }
        }
        return terms.Distinct(StringComparer.Ordinal).ToList();
    }
}
