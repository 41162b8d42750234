using System.Text;
using System.Text.Json;
using Strata.Core.Relations;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Relations (docs/graph.md) as evidence: "Carol Danvers reports_to Bob Marley (team: archives)". Candidates are the
/// relations touching the entities the question's words find (the entity word index, as <see cref="EntityRecallLayer"/>
/// reads it) that hold at the question's time (<c>as_of</c>, or now: ended and retracted relations are left out), read
/// through the two endpoint indexes and at most <see cref="RecallOptions.CandidatesPerSignal"/> of them: never a
/// whole-graph read. A candidate ranks by how many of the question's terms its text holds — both ends' names, the type's
/// words (<c>works_at</c> → work) and its property values — so "who does Carol report to" puts her reports_to first.
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
        if (entities.Count == 0 || query.OverTime) return [new RankedList(RecallSignals.Relation, [])];
        var relations = await session.Relations.ListTextAsync(entities.Keys.Order(StringComparer.Ordinal).ToList(), query.At,
            query.Options.CandidatesPerSignal, cancellationToken);
        if (relations.Count == query.Options.CandidatesPerSignal)
        {
            query.Partial($"Relations: only the newest {relations.Count} relations of the entities the question names were searched.");
        }
        var names = await NamesAsync(session, relations, cancellationToken);
        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        // Equal scores order by the relation's text before its key: ids are minted per store, names are what the user wrote,
        // so the same graph ranks alike on every database.
        var ranked = relations
            .Select(r => (Key: Key(r), Text: Text(r, names)))
            .Select(r => (r.Key, r.Text, Score: (double)RecallTerms.Of(r.Text).Distinct(StringComparer.Ordinal).Count(terms.Contains)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).ThenBy(r => r.Text, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Score))
            .ToList();
        return [new RankedList(RecallSignals.Relation, ranked)];
    }

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
