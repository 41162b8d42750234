using Strata.Core.Errors;
using Strata.Core.Observations;

namespace Strata.Core.Entities.Splits;

/// <summary>Which of an entity's observations a split moves: these observations, and every observation from these
/// sources or runs. A correction never moves: it stays on the entity where the person put it.</summary>
public sealed record SplitSelection(
    IReadOnlyList<string>? ObservationIds = null,
    IReadOnlyList<string>? SourceIds = null,
    IReadOnlyList<string>? RunIds = null)
{
    public const int MaxIds = 1000;

    public void Validate()
    {
        var count = (ObservationIds?.Count ?? 0) + (SourceIds?.Count ?? 0) + (RunIds?.Count ?? 0);
        if (count == 0)
        {
            throw StrataException.Validation("Say what to split off: observation_ids, source_ids or run_ids (at least one id).");
        }
        if (count > MaxIds)
        {
            throw StrataException.Validation($"{count} ids is more than the {MaxIds} one split takes.");
        }
    }

    /// <summary>The chosen observations among the entity's, refusing ids that choose nothing there.</summary>
    public List<Observation> Choose(string entityId, IReadOnlyList<Observation> observations)
    {
        var problems = new List<string>();
        foreach (var id in ObservationIds ?? [])
        {
            var observation = observations.FirstOrDefault(o => o.Id == id);
            if (observation is null) problems.Add($"{id} is not an observation of {entityId}");
            else if (observation.Kind == ObservationKinds.Correction) problems.Add($"{id} is a correction: it stays on the entity where it was made");
        }
        foreach (var id in SourceIds ?? [])
        {
            if (observations.All(o => o.SourceId != id)) problems.Add($"no observation of {entityId} comes from source {id}");
        }
        foreach (var id in RunIds ?? [])
        {
            if (observations.All(o => o.RunId != id)) problems.Add($"no observation of {entityId} comes from run {id}");
        }
        if (problems.Count > 0) throw StrataException.Validation("Nothing was split: " + string.Join("; ", problems) + ".");
        return observations.Where(o => o.Kind != ObservationKinds.Correction
            && ((ObservationIds?.Contains(o.Id) ?? false)
                || (o.SourceId is not null && (SourceIds?.Contains(o.SourceId) ?? false))
                || (o.RunId is not null && (RunIds?.Contains(o.RunId) ?? false)))).ToList();
    }
}
