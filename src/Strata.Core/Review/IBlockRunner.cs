using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>The model side of block runs (implemented in Strata.Llm): what a run records of the model it will use, and
/// the work of one worker on a run, which claims blocks until none are left and settles its job.</summary>
public interface IBlockRunner
{
    /// <summary>The run's config: the model chosen by the chain (request, schema, user, server), the prompt and its hash.</summary>
    Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, RegisteredSchema schema, string? model, CancellationToken cancellationToken);

    Task<JobResult> RunAsync(JobContext context, Run run, BlockRun blockRun, CancellationToken cancellationToken);
}

/// <summary>No model configured: a block run cannot be started.</summary>
public sealed class NoBlockRunner : IBlockRunner
{
    public Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, RegisteredSchema schema, string? model, CancellationToken cancellationToken) =>
        throw new Errors.StrataException(Errors.ErrorCodes.LlmNotConfigured,
            "No language model is configured, so block schemas cannot be run. Set STRATA_LLM__DEFAULTMODEL=provider/model and the provider "
            + "(STRATA_LLM__PROVIDERS__<NAME>__BASEURL, __APIKEY). See docs/llm.md.");

    public Task<JobResult> RunAsync(JobContext context, Run run, BlockRun blockRun, CancellationToken cancellationToken) =>
        Task.FromResult(JobResult.Fail($"{Errors.ErrorCodes.LlmNotConfigured}: this worker has no language model configured."));
}
