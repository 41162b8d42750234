using Strata.Core.Duplicates;
using Strata.Core.Storage;

namespace Strata.Core.Entities.Identity;

/// <summary>
/// Records kept apart at ingest (a key matched but a distinguishing value disagreed; a name matched several entities)
/// are offered as duplicate candidates through the duplicate store, so a person sees them with the scan's suggestions.
/// </summary>
public static class IdentityCandidates
{
    /// <summary>The score such a pair is saved with until a scan scores it field by field: shared keys make it worth a
    /// look, a disagreement makes it far from certain.</summary>
    public const double Score = 0.5;

    public static Task SaveAsync(IStoreSession session, IReadOnlyList<DuplicatePair> pairs, DateTimeOffset detectedAt,
        CancellationToken cancellationToken) =>
        session.Duplicates.SaveAsync(pairs, detectedAt, cancellationToken);
}
