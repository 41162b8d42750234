namespace Strata.Core.Imports;

/// <summary>The full pass over one import's pending conversations.</summary>
/// <param name="Concurrency">Conversations read by the model at once.</param>
public sealed record ChatPassWork(string UserId, string ImportId, string PipelineVersion, int Concurrency);

/// <summary>How a full pass ended: conversations done and failed in this attempt, facts found, and the first error.</summary>
public sealed record ChatPassResult(int Done, int Failed, int Facts, string? FirstError);
