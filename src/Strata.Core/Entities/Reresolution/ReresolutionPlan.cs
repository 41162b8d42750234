using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Observations;
using Strata.Core.Schemas;

namespace Strata.Core.Entities.Reresolution;

/// <summary>
/// What re-resolving one type under its current identity declaration would change, worked out before anything moves:
/// <list type="bullet">
/// <item>an entity whose observations disagree on a distinguishing field is split: each disagreeing group of
/// observations (by its distinguishing values) goes to an entity of its own, the first observation's group stays;</item>
/// <item>entities that now share a strong key and do not disagree on a distinguishing field are merged into the oldest.</item>
/// </list>
/// </summary>
public static class ReresolutionPlan
{
    public sealed record EntityObservations(Entity Entity, IReadOnlyList<Observation> Observations);

    public sealed record PlannedSplit(string EntityId, IReadOnlyList<string> ObservationIds, string Reason);

    public sealed record PlannedMerge(Entity From, Entity To, string Reason);

    public static (List<PlannedSplit> Splits, List<PlannedMerge> Merges) Of(SchemaCatalog catalog, IReadOnlyList<EntityObservations> entities)
    {
        var splits = new List<PlannedSplit>();
        var homes = new List<(Entity Entity, Dictionary<string, string> Values, List<string> Keys)>();
        foreach (var (entity, observations) in entities)
        {
            var home = new Dictionary<string, string>(StringComparer.Ordinal);
            var keys = new List<string>();
            var apart = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var observation in observations.Where(o => o.Kind != ObservationKinds.Correction))
            {
                var identity = ObservationIdentity.Of(catalog, entity.EntityType, observation.Fields);
                var disagrees = identity.Distinguishing.Any(f => identity.Identifying.TryGetValue(f, out var mine) && home.TryGetValue(f, out var theirs) && mine != theirs);
                if (disagrees)
                {
                    (apart.TryGetValue(identity.DistinguishingText, out var group) ? group : apart[identity.DistinguishingText] = []).Add(observation.Id);
                    continue;
                }
                foreach (var field in identity.Distinguishing.Where(identity.Identifying.ContainsKey)) home.TryAdd(field, identity.Identifying[field]);
                keys.AddRange(identity.Keys.Where(k => !k.LastResort).Select(k => k.Text));
            }
            foreach (var (values, ids) in apart)
            {
                splits.Add(new PlannedSplit(entity.Id, ids, $"re-resolution: {values} disagrees with the rest of {entity.Id}"));
            }
            homes.Add((entity, home, keys.Distinct().ToList()));
        }
        return (splits, PlanMerges(homes));
    }

    /// <summary>Entities sharing a strong key join the oldest of them that nothing distinguishing disagrees with.</summary>
    private static List<PlannedMerge> PlanMerges(List<(Entity Entity, Dictionary<string, string> Values, List<string> Keys)> homes)
    {
        var merges = new List<PlannedMerge>();
        var mergedAway = new HashSet<string>(StringComparer.Ordinal);
        var ordered = homes.OrderBy(h => h.Entity.CreatedAt).ThenBy(h => h.Entity.Id, StringComparer.Ordinal).ToList();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            foreach (var key in ordered[i].Keys) (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add(i);
        }
        for (var i = 0; i < ordered.Count; i++)
        {
            if (mergedAway.Contains(ordered[i].Entity.Id)) continue;
            foreach (var key in ordered[i].Keys)
            {
                foreach (var j in byKey[key].Where(j => j > i))
                {
                    var later = ordered[j];
                    if (mergedAway.Contains(later.Entity.Id) || Disagree(ordered[i].Values, later.Values)) continue;
                    mergedAway.Add(later.Entity.Id);
                    foreach (var (field, value) in later.Values) ordered[i].Values.TryAdd(field, value);
                    merges.Add(new PlannedMerge(later.Entity, ordered[i].Entity, $"re-resolution: both hold {key}"));
                }
            }
        }
        return merges;
    }

    private static bool Disagree(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Any(p => b.TryGetValue(p.Key, out var other) && other != p.Value);
}
