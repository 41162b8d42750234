using Strata.Core.Jobs;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;

namespace Strata.Llm.Runs;

/// <summary>What <see cref="RunSettlement.ProviderAsync"/> found for a queued run: the provider and the user's key for it, or
/// (<see cref="Failed"/> set) how the run's job ended when there was none to use.</summary>
internal sealed record RunProvider(ProviderOptions? Provider, ApiKey? UserKey, JobResult? Failed)
{
    public static RunProvider Refused(JobResult failed) => new(null, null, failed);
}
