using Strata.Core.Relations;

namespace Strata.Relational.Relations;

/// <summary>The rows of relation_terms for some observations as <see cref="RelationSql.InsertTerms"/> takes them: two lists
/// of one length, observation id and term pairwise (one statement whatever the count).</summary>
internal static class RelationTermRows
{
    public static (List<string> Ids, List<string> Terms) Of(IEnumerable<(string Id, string RelationType, string PropertiesJson)> observations)
    {
        var ids = new List<string>();
        var terms = new List<string>();
        foreach (var (id, relationType, propertiesJson) in observations)
        {
            foreach (var term in RelationTerms.Of(relationType, propertiesJson))
            {
                ids.Add(id);
                terms.Add(term);
            }
        }
        return (ids, terms);
    }
}
