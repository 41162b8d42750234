using System.Text.Json;
using Strata.Core.Observations;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Observations: the current value of each field of the entities the question's words find (the entity word index, as
/// <see cref="EntityRecallLayer"/>), each one candidate — the observation that supplied it and the field — ranked by how
/// many of the question's terms its field name and value hold, then by how many question words found its entity, then by
/// key. Current by default: a value replaced by a later observation is not a candidate (the entity's snapshot names the
/// observation of each current value); with <c>as_of</c>, a current value recorded after it is left out and the answer
/// says so. A result's text is the value; its provenance the observation, entity, field, run, source and the source
/// characters the value was read from (when the extraction found its quote there).
/// </summary>
public sealed class ObservationRecallLayer : IRecallLayer
{
    private const string KeyPrefix = "o:";

    public IReadOnlyList<string> Kinds { get; } = [RecallKinds.Observation];

    public async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        var entities = await EntityRecallLayer.FindAsync(query, session, cancellationToken);
        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        var candidates = new List<(string Key, double Score)>();
        var later = 0;
        // The found entities' snapshots in one read; with as_of, the observations behind all of their values in one more
        // (for their times: a snapshot names the observation of each value, and the read session sees them all): two
        // statements a question at most, where one pair per entity cost up to 240 round trips on PostgreSQL. Without
        // as_of nothing is left out by time, and the observations' rows (most of this layer's reading) are not read.
        IReadOnlyDictionary<string, Snapshot> snapshots = query.OverTime
            ? new Dictionary<string, Snapshot>()
            : await session.Entities.GetSnapshotsAsync(entities.Keys, cancellationToken);
        IReadOnlyDictionary<string, Observation>? observations = query.AsOf is null ? null
            : query.OverTime || snapshots.Count == 0 ? new Dictionary<string, Observation>()
            : await session.Observations.GetManyAsync(snapshots.Values.SelectMany(s => s.Provenance.Values).Distinct(StringComparer.Ordinal).ToList(),
                cancellationToken);
        foreach (var (entityId, hits) in entities.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!snapshots.TryGetValue(entityId, out var snapshot)) continue;
            foreach (var (field, observationId) in snapshot.Provenance)
            {
                if (!snapshot.Fields.TryGetValue(field, out var value)) continue;
                if (observations is not null && (!observations.TryGetValue(observationId, out var observation) || observation.CreatedAt > query.AsOf))
                {
                    if (observation is not null) later++;
                    continue;
                }
                var matches = RecallTerms.Of($"{field.Replace('_', ' ')} {Text(value)}").Distinct(StringComparer.Ordinal).Count(terms.Contains);
                candidates.Add((Key(observationId, field), matches + hits / (EntityRecallLayer.Words + 1.0)));
            }
        }
        if (later > 0) query.Partial($"{later} current values were recorded after as_of and left out: observations are searched as they are now, not as they were then.");
        var ranked = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (ranked.Count > query.Options.CandidatesPerSignal)
        {
            query.Partial($"The observation signal kept its best {query.Options.CandidatesPerSignal} of {ranked.Count} current values.");
            ranked = ranked.Take(query.Options.CandidatesPerSignal).ToList();
        }
        return [new RankedList(RecallSignals.Observation, ranked)];
    }

    public async Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)).Select(k => (Key: k, Parts: Parse(k))).ToList();
        var observations = await session.Observations.GetManyAsync(wanted.Select(w => w.Parts.ObservationId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var evidence = (await session.Evidence.ListForObservationsAsync(observations.Keys.ToList(), cancellationToken))
            .ToDictionary(e => (e.ObservationId, e.Field));
        var entities = await session.Entities.GetManyAsync(observations.Values.Select(o => o.EntityId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var results = new Dictionary<string, RecallResult>(StringComparer.Ordinal);
        foreach (var (key, (observationId, field)) in wanted)
        {
            if (!observations.TryGetValue(observationId, out var observation) || !observation.Fields.TryGetValue(field, out var value)) continue;
            var entity = entities.GetValueOrDefault(observation.EntityId);
            var quoted = evidence.GetValueOrDefault((observationId, field)) is { Found: true, Start: { } start, Length: { } length } ? (start, start + length) : ((int, int)?)null;
            results[key] = new RecallResult(RecallKinds.Observation, Text(value), 0, new Dictionary<string, double>(), new RecallProvenance
            {
                ObservationId = observationId,
                EntityId = observation.EntityId,
                EntityType = entity?.EntityType,
                Field = field,
                RunId = observation.RunId,
                SourceId = observation.SourceId,
                Time = observation.ObservedAt,
                CharStart = quoted?.Item1,
                CharEnd = quoted?.Item2,
            });
        }
        return results;
    }

    private static string Key(string observationId, string field) => $"{KeyPrefix}{observationId}:{field}";

    private static (string ObservationId, string Field) Parse(string key)
    {
        var colon = key.IndexOf(':', KeyPrefix.Length);
        return (key[KeyPrefix.Length..colon], key[(colon + 1)..]);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
}
