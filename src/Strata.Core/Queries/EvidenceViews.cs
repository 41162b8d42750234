using Strata.Core.Llm;
using Strata.Core.Operations;

namespace Strata.Core.Queries;

/// <summary>Observations' evidence (the observation_evidence rows an LLM run wrote) by observation, then by field, as
/// <c>list_observations</c> and <c>get_field_provenance</c> show it; an observation with none is left out.</summary>
internal static class EvidenceViews
{
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, EvidenceView>>> ForAsync(IEvidenceReader store,
        IReadOnlyCollection<string> observationIds, CancellationToken cancellationToken) =>
        (await store.ListForObservationsAsync(observationIds, cancellationToken))
            .GroupBy(e => e.ObservationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyDictionary<string, EvidenceView> (g) => g.ToDictionary(e => e.Field, EvidenceView.Of, StringComparer.Ordinal),
                StringComparer.Ordinal);
}
