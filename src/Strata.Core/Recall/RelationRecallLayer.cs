using System.Text;
using System.Text.Json;
using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Relations (docs/graph.md) as evidence: "Carol Danvers reports_to Bob Marley (team: archives)". Candidates are the
/// relations touching the entities the question's words find (the entity word index, as <see cref="EntityRecallLayer"/>
/// reads it), read through the two endpoint indexes, and the relations the question's words find by their own (type and
/// property values, the relation_terms index: "who is on the archives team" with no end named), each at most
/// <see cref="RecallOptions.CandidatesPerSignal"/>, that hold at the question's time (<c>as_of</c>, or now: ended and
/// retracted relations are left out): never a whole-graph read. A candidate ranks by how many of the question's terms its
/// text holds — both ends' names, the type's words (<c>works_at</c> → work), its inverse's (employs) and its property
/// values — so "who does Carol report to" puts her reports_to first.
/// </summary>
public sealed class RelationRecallLayer : IRecallLayer
{
    private const string KeyPrefix = "r:";

    /// <summary>Separates the parts of a key: a character an entity id or a relation type (letters, digits, <c>_ - . :</c>
    /// and spaces) never holds.</summary>
    private const char Separator = '|';

    public IReadOnlyList<string> Kinds { get; } = [RecallKinds.Relation];

    public async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        var entities = await EntityRecallLayer.FindAsync(query, session, cancellationToken);
        if (query.OverTime) return [new RankedList(RecallSignals.Relation, [])];
        var limit = query.Options.CandidatesPerSignal;
        var relations = new List<RelationText>();
        if (entities.Count > 0)
        {
            relations.AddRange(await session.Relations.ListTextAsync(entities.Keys.Order(StringComparer.Ordinal).ToList(), query.At, limit,
                cancellationToken));
            if (relations.Count == limit)
            {
                query.Partial($"Relations: only the newest {relations.Count} relations of the entities the question names were searched.");
            }
        }
        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        var types = (await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken)).Relations;
        relations.AddRange(await ByOwnWordsAsync(query, session, types, terms, cancellationToken));
        var names = await NamesAsync(session, relations, cancellationToken);
        // Equal scores order by the relation's text before its key: ids are minted per store, names are what the user wrote,
        // so the same graph ranks alike on every database. A relation found both ways is one candidate.
        var ranked = relations
            .Select(r => (Key: Key(r), Text: Text(r, names), r.RelationType))
            .DistinctBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Text, Score: (double)Words(r.Text, r.RelationType, types).Count(terms.Contains)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Text, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Score))
            .ToList();
        return [new RankedList(RecallSignals.Relation, ranked)];
    }

    /// <summary>The relations found by their own words (type, property values: the relation_terms index), whether or not the
    /// question names an end: the question's terms, plus the words of each type whose inverse it names ("who manages Bob"
    /// looks up <c>reports_to</c>). Bounded by <see cref="RecallOptions.PostingsPerTerm"/> rows of the index and
    /// <see cref="RecallOptions.CandidatesPerSignal"/> relations; either cut is reported.</summary>
    private static async Task<IReadOnlyList<RelationText>> ByOwnWordsAsync(RecallQuery query, IStoreReader session, RelationTypeCatalog types,
        IReadOnlySet<string> terms, CancellationToken cancellationToken)
    {
        var lookup = new SortedSet<string>(terms, StringComparer.Ordinal);
        foreach (var type in types.All.Where(t => t.Inverse is { } inverse && RecallTerms.Of(inverse).Any(terms.Contains)))
        {
            lookup.UnionWith(RecallTerms.Of(type.Name));
        }
        if (lookup.Count == 0) return [];
        var limit = query.Options.CandidatesPerSignal;
        var found = await session.Relations.FindByTermsAsync(lookup, query.At, query.Options.PostingsPerTerm, limit, cancellationToken);
        if (found.PostingsCut)
        {
            query.Partial($"Relations: the question's words name more than {query.Options.PostingsPerTerm} relation observations; the first were searched.");
        }
        else if (found.Relations.Count == limit)
        {
            query.Partial($"Relations: only the newest {limit} relations the question's words name were searched.");
        }
        return found.Relations;
    }

    /// <summary>The words a relation is ranked by: its text's (ends' names, type, properties) and its type's inverse name, as
    /// the user's schemas declare it now.</summary>
    private static IEnumerable<string> Words(string text, string relationType, RelationTypeCatalog types) =>
        RecallTerms.Of(text).Concat(types.Find(relationType).Inverse is { } inverse ? RecallTerms.Of(inverse) : [])
            .Distinct(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, RecallResult>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)))
        {
            var parts = key[KeyPrefix.Length..].Split(Separator);
            if (parts.Length != 3) continue;
            if (await session.Relations.TextOfAsync(parts[0], parts[1], parts[2], query.At, cancellationToken) is not { } relation) continue;
            results[key] = new RecallResult(RecallKinds.Relation, Text(relation, await NamesAsync(session, [relation], cancellationToken)), 0, new Dictionary<string, double>(), new RecallProvenance
            {
                FromEntityId = relation.FromEntityId,
                RelationType = relation.RelationType,
                ToEntityId = relation.ToEntityId,
                ObservationId = relation.ObservationId,
                RunId = relation.RunId,
                SourceId = relation.SourceId,
                Time = relation.ObservedAt,
                ValidFrom = relation.ValidFrom,
                ValidTo = relation.ValidTo,
            });
        }
        return results;
    }

    private static string Key(RelationText relation) =>
        $"{KeyPrefix}{relation.FromEntityId}{Separator}{relation.RelationType}{Separator}{relation.ToEntityId}";

    /// <summary>The display name of each end (as graph queries show them; an end with no entity yet keeps its id).</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(IStoreReader session, IReadOnlyList<RelationText> relations,
        CancellationToken cancellationToken)
    {
        var ids = relations.SelectMany(r => new[] { r.FromEntityId, r.ToEntityId }).Distinct(StringComparer.Ordinal).ToList();
        return (await GraphQueryService.NamesAsync(session, ids, cancellationToken)).ToDictionary(n => n.Key, n => n.Value.Name, StringComparer.Ordinal);
    }

    /// <summary>The relation as it reads: its ends' names and type, then its properties (strings as they are, other values as JSON).</summary>
    private static string Text(RelationText relation, IReadOnlyDictionary<string, string> names)
    {
        var text = new StringBuilder(names.GetValueOrDefault(relation.FromEntityId, relation.FromEntityId)).Append(' ')
            .Append(relation.RelationType).Append(' ').Append(names.GetValueOrDefault(relation.ToEntityId, relation.ToEntityId));
        using var properties = JsonDocument.Parse(relation.PropertiesJson);
        if (properties.RootElement.ValueKind != JsonValueKind.Object) return text.ToString();
        var first = true;
        foreach (var property in properties.RootElement.EnumerateObject())
        {
            text.Append(first ? " (" : "; ").Append(property.Name).Append(": ")
                .Append(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
            first = false;
        }
        return first ? text.ToString() : text.Append(')').ToString();
    }
}
