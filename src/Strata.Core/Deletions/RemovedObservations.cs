namespace Strata.Core.Deletions;

/// <summary>What a delete of observations removed: how many, with how many evidence rows and reviewed block values,
/// and every entity they were on or first written to (what is left to settle, <see cref="Entities.EntityRemoval"/>).</summary>
public sealed record RemovedObservations(int Observations, int Evidence, int BlockValues, IReadOnlySet<string> Entities);

/// <summary>What went with a run once its observations were gone: its items and raw fragments, and whether the run was there.</summary>
public sealed record RemovedRunRest(int Items, int Fragments, bool Run);

/// <summary>A run made from a source a delete is about to forget, with its status (one still at work holds the delete back).</summary>
public sealed record SourceRun(string Id, string Status);
