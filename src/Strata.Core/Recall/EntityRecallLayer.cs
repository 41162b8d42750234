using System.Text;
using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Entities by their names and values (the entity word index resolution keeps): each of the question's longest words is
/// looked up as the beginning of a word (<see cref="EntityQuery.WordsOnly"/>: "adopt" finds "adoption", "son" does not
/// find "Johnson"), and an entity found by more of them ranks higher. A result's text is the entity's current values; its
/// provenance names, per field, the observation that supplied the value.
/// </summary>
public sealed class EntityRecallLayer : IRecallLayer
{
    private const string KeyPrefix = "e:";

    /// <summary>Question words looked up (the longest first): each is one indexed query.</summary>
    public const int Words = 6;

    private const int PerWord = 20;

    public IReadOnlyList<string> Kinds { get; } = [RecallKinds.Entity];

    public async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        var found = await FindAsync(query, session, cancellationToken);
        return [new RankedList(RecallSignals.Entity, found.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (KeyPrefix + f.Key, f.Value)).ToList())];
    }

    /// <summary>The entities the question's longest words find, each with how many of them found it (at most
    /// <see cref="Words"/> indexed lookups of <see cref="PerWord"/> entities): the relation layer starts from them too, so
    /// the lookups run once per question (the layers of one question run one after another on one read session).</summary>
    public static Task<Dictionary<string, double>> FindAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken) =>
        query.FoundEntities ??= LookUpAsync(query, session, cancellationToken);

    private static async Task<Dictionary<string, double>> LookUpAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        // The question's words as the message index cuts them, so "I'll" and "don't" look up no "ill" or "dont" (inside
        // thousands of entities' words) and an identifier's pieces are looked up rather than one run no text holds.
        var words = RecallTerms.Words(query.Text).Where(w => w.Length > 2 && !RecallTerms.StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).Take(Words).ToList();
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (query.OverTime) break;
            var page = await session.Entities.QueryAsync(new EntityQuery(null, word, false, new Paging(PerWord), WithProvenance: false, WordsOnly: true), cancellationToken);
            foreach (var snapshot in page.Items) found[snapshot.EntityId] = found.GetValueOrDefault(snapshot.EntityId) + 1;
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, RecallResult>(StringComparer.Ordinal);
        var wanted = keys.Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)).ToList();
        // One read for every result's snapshot, not one statement each.
        var snapshots = await session.Entities.GetSnapshotsAsync(wanted.Select(k => k[KeyPrefix.Length..]).ToList(), cancellationToken);
        foreach (var key in wanted)
        {
            if (!snapshots.TryGetValue(key[KeyPrefix.Length..], out var snapshot)) continue;
            results[key] = new RecallResult(RecallKinds.Entity, Text(snapshot), 0, new Dictionary<string, double>(), new RecallProvenance
            {
                EntityId = snapshot.EntityId,
                EntityType = snapshot.EntityType,
                FieldObservations = snapshot.Provenance,
            });
        }
        return results;
    }

    private static string Text(Snapshots.Snapshot snapshot)
    {
        var text = new StringBuilder(snapshot.CanonicalName).Append(" (").Append(snapshot.EntityType).Append(')');
        foreach (var (field, value) in snapshot.Fields)
        {
            text.Append("; ").Append(field).Append(": ").Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        }
        return text.ToString();
    }
}
