using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Llm;

/// <summary>
/// LLM interpretation as the core sees it: a run's config is fixed when the run is queued (<see cref="DescribeAsync"/>:
/// model, prompt, schemas), and the worker that takes the run's job hands it to <see cref="RunAsync"/>. Implemented by
/// Strata.Llm; without it, asking for an LLM run answers <c>LLM_NOT_CONFIGURED</c> and the rules path is untouched.
/// </summary>
public interface ILlmRuns
{
    /// <summary>The config recorded on a new LLM run over <paramref name="source"/>; throws <c>LLM_NOT_CONFIGURED</c> when
    /// no model can be chosen, <c>UNSUPPORTED_MEDIA_TYPE</c> when the source is not text-like.</summary>
    Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, Source source, string? model, string? entityType,
        CancellationToken cancellationToken);

    /// <summary>Works on a queued LLM run for the job in <paramref name="context"/>; settles the run and the job.</summary>
    Task<JobResult> RunAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken);

    /// <summary>The full pass of a chat import: facts from each pending conversation, one run per conversation; records
    /// each conversation's outcome and the import's counts as it goes.</summary>
    Task<Imports.ChatPassResult> RunChatPassAsync(Imports.ChatPassWork work, CancellationToken cancellationToken);

    /// <summary>One model call for text on behalf of <paramref name="userId"/> (their default model and key, the call slots,
    /// the monthly budget, accounting). Throws <see cref="Memory.Sections.GenerationFailedException"/> when the call fails
    /// or its answer holds none of the fields (with the raw answer), <c>LLM_NOT_CONFIGURED</c> without a model.</summary>
    Task<GeneratedText> GenerateTextAsync(string userId, TextRequest request, CancellationToken cancellationToken);
}

public static class LlmInterpreter
{
    public const string Name = "llm";
    public const string Version = "1";

    public const string NotConfiguredMessage =
        "No language model is configured, so an LLM run cannot start. Set a server default with STRATA_LLM__DEFAULTMODEL=provider/model " +
        "and the provider with STRATA_LLM__PROVIDERS__<NAME>__BASEURL (and __APIKEY); see docs/llm.md. Rules-based ingest works without one.";
}

/// <summary>What a host without the LLM library answers.</summary>
public sealed class NoLlmRuns : ILlmRuns
{
    public Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, Source source, string? model, string? entityType,
        CancellationToken cancellationToken) => throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);

    public Task<JobResult> RunAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken) =>
        throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);

    public Task<Imports.ChatPassResult> RunChatPassAsync(Imports.ChatPassWork work, CancellationToken cancellationToken) =>
        throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);

    public Task<GeneratedText> GenerateTextAsync(string userId, TextRequest request, CancellationToken cancellationToken) =>
        throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);
}
