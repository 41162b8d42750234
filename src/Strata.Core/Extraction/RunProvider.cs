using Strata.Core.Jobs;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction;

/// <summary>What <see cref="RunSettlement.ClientAsync"/> found for a queued run: the client for its provider with the user's
/// key (or the server's), or (<see cref="Failed"/> set) how the run's job ended when the user's key could not be opened.</summary>
internal sealed record RunProvider(IModelClient? Client, JobResult? Failed)
{
    public static RunProvider Refused(JobResult failed) => new(null, failed);
}
