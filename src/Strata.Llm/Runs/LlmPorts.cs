using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Review;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Llm.Runs;

/// <summary>The LLM side a host hands the core: runs over sources and runs of block schemas over documents.</summary>
internal sealed class LlmPorts(ILlmRuns runs, IBlockRunner blocks) : ILlmRuns, IBlockRunner
{
    public Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, Source source, string? model, string? entityType,
        CancellationToken cancellationToken) => runs.DescribeAsync(session, source, model, entityType, cancellationToken);

    public Task<JobResult> RunAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken) =>
        runs.RunAsync(context, run, source, cancellationToken);

    public Task<Core.Imports.ChatPassResult> RunChatPassAsync(Core.Imports.ChatPassWork work, CancellationToken cancellationToken) =>
        runs.RunChatPassAsync(work, cancellationToken);

    public Task<GeneratedText> GenerateTextAsync(string userId, TextRequest request, CancellationToken cancellationToken) =>
        runs.GenerateTextAsync(userId, request, cancellationToken);

    public Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, RegisteredSchema schema, string? model,
        CancellationToken cancellationToken) => blocks.DescribeAsync(session, schema, model, cancellationToken);

    public Task<JobResult> RunAsync(JobContext context, Run run, BlockRun blockRun, CancellationToken cancellationToken) =>
        blocks.RunAsync(context, run, blockRun, cancellationToken);
}
