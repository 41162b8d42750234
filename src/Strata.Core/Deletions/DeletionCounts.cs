namespace Strata.Core.Deletions;

/// <summary>What deleting some documents would remove, counted from the store without removing anything
/// (<c>preview_deletion</c>): the documents, their blocks, their block runs with those runs' staged and confirmed values,
/// and the observations the confirmed values became.</summary>
public sealed record DeletionCounts(long Documents, long Blocks, long BlockRuns, long StagedValues, long ConfirmedValues, long Observations);
