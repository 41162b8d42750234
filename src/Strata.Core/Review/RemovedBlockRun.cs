namespace Strata.Core.Review;

/// <summary>What deleting a block run's rows removed, and the entities its observations were on or first written to:
/// those <see cref="Entities.EntityRemoval"/> then removes or recomputes.</summary>
public sealed record RemovedBlockRun(int Items, int Values, int Observations, IReadOnlySet<string> Entities);
