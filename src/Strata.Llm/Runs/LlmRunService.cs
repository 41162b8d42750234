using System.Globalization;
using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Extraction;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Core.Evidence;
using Strata.Core.Extraction.Packing;

namespace Strata.Llm.Runs;

/// <summary>
/// LLM runs over text-like sources. A worker that takes a run cuts the source into chunks, one run item each (inserted
/// once; a retried run keeps what its earlier attempts finished and takes back the items a dead attempt held), packs the
/// items it claimed into calls, runs each pack with splitting on failure, and commits each pack's outcome as it comes.
/// The run then completes with its counts of completed and failed items. A refused key (401/403) or a used-up budget
/// fails the run at once; a run cancelled or timed out meanwhile stops its calls and returns its items to pending. The
/// calls use the user's own stored key for the provider when they set one (<see cref="RunModel"/>).
/// </summary>
public sealed partial class LlmRunService(
    IStrataStore store,
    IBlobStore blobs,
    LlmOptions options,
    LlmRunOptions runOptions,
    LlmClientFactory clients,
    ILlmCallSlots slots,
    LlmRunPorts ports,
    WriteLimits limits,
    TimeProvider clock,
    ILogger<LlmRunService> logger) : ILlmRuns
{
    private readonly RunSettlement _settlement = new(store, clock, logger, "LLM");

    public async Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, Source source, string? model, string? entityType,
        CancellationToken cancellationToken)
    {
        if (!LlmSources.IsTextLike(source.MimeType))
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType,
                $"The LLM interpreter reads text-like sources (plain text, Markdown, HTML, JSON, CSV); {source.MimeType} is not one.");
        }
        var requested = ModelRef.TryParse(model);
        if (!string.IsNullOrWhiteSpace(model) && requested is null)
        {
            throw StrataException.Validation($"--model must be provider/model, such as anthropic/claude-sonnet-4-5 (got '{model}').");
        }
        var registered = await session.Schemas.ListLatestAsync(cancellationToken);
        var chosen = await RunModel.ChooseAsync(session, requested, entityType, registered, options, ports.Keys is not null, cancellationToken);
        var choice = chosen.Model;
        var catalog = new SchemaCatalog(registered);
        var prompt = ExtractionPrompt.For(catalog, catalog.ExtractedTypes);
        var config = new LlmRunConfig(choice.Provider.Name, choice.Model.Model, runOptions.Temperature, runOptions.MaxTokens,
            runOptions.ChunkTokens, prompt.SystemPrompt, prompt.ItemSchema);
        return LlmRunConfig.Describe(config, chosen, prompt, registered.Select(s => s.SchemaUid), source.MimeType, entityType);
    }

    public Task<Core.Imports.ChatPassResult> RunChatPassAsync(Core.Imports.ChatPassWork work, CancellationToken cancellationToken) =>
        new Chat.ChatFullPass(new LlmRunKit(store, blobs, options, runOptions, clients, slots, ports, limits, clock)).RunAsync(work, cancellationToken);

    public Task<GeneratedText> GenerateTextAsync(string userId, TextRequest request, CancellationToken cancellationToken) =>
        new Chat.TextGeneration(store, options, runOptions, clients, slots, ports, clock).WriteAsync(userId, request, cancellationToken);

    public async Task<JobResult> RunAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken)
    {
        var config = LlmRunConfig.Read(run.ConfigJson);
        var found = await _settlement.ProviderAsync(context, run, config.Provider, options, ports.Keys, cancellationToken);
        if (found.Failed is { } failed) return failed;
        var provider = found.Provider!;
        var text = await LlmSources.ReadTextAsync(blobs, source, cancellationToken);
        var chunks = TextChunker.Chunk(text, config.ChunkTokens);

        var claimed = await ClaimAsync(run, chunks, cancellationToken);
        if (claimed is null) return JobResult.Completed;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watching = ports.Stops.Watch(run.Id, stop);
        context.OnHeartbeat(token => _settlement.BeatAsync(run, stop, token));

        Run current;
        SchemaCatalog catalog;
        await using (var read = await store.OpenReadAsync(run.UserId, cancellationToken))
        {
            current = await read.Runs.GetAsync(run.Id, cancellationToken) ?? run;
            catalog = await SchemaCatalog.LoadAsync(read.Schemas, cancellationToken);
        }
        if (current.IsFinished) return JobResult.Completed;
        var writeContext = new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation,
            RunConfig.EntityType(run.ConfigJson), current.StartedAt ?? clock.GetUtcNow(), limits.MaxValueBytes);
        var committer = new PackCommitter(store, run, catalog, writeContext, new EvidenceLocator(text),
            claimed.ToDictionary(i => i.Index), RunProgress.Of(current), runOptions.KeepAllRawOutput, clock);
        var calls = new PackCalls(run, config, provider, clients.Create(provider, found.UserKey), slots, ports.Usage, options, runOptions, clock);
        var packs = PackPlanner.Plan(claimed.Select(item => new WorkItem(
            item.Index.ToString(CultureInfo.InvariantCulture), text.Substring(item.Start, item.Length),
            TokenEstimate.Of(item.Length), runOptions.ExpectedOutputTokensPerItem)), runOptions.Packs);

        return await _settlement.GuardAsync(context, run, config.Provider, async () =>
        {
            await Parallel.ForEachAsync(packs, new ParallelOptions { MaxDegreeOfParallelism = runOptions.ParallelPacks, CancellationToken = stop.Token },
                async (pack, token) =>
                {
                    var report = await SplitOnFailureExecutor.RunAsync(pack, calls.CallAsync, token);
                    await calls.RecordAsync(report, token);
                    if (!await committer.CommitAsync(report, calls.Shares(report), token)) await stop.CancelAsync();
                });
            return await FinishAsync(context, run, committer.Progress, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Inserts the items (once), takes back those a dead attempt held, claims the pending ones and starts the run.</summary>
    private async Task<IReadOnlyList<RunItem>?> ClaimAsync(Run run, IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished) return null;
        await session.RunItems.InsertManyAsync(chunks.Select(c => RunItem.Pending(run.Id, c.Index, c.Start, c.Length, now)).ToList(), cancellationToken);
        // One job works on a run at a time (its lease), so items still claimed belong to an attempt that is gone.
        await session.RunItems.ReleaseClaimedAsync(run.Id, now, cancellationToken);
        var claimed = await session.RunItems.ClaimPendingAsync(run.Id, now, cancellationToken);
        if (!await RunLedger.StartAsync(session, run.Id, now, cancellationToken)) return null;
        await session.CommitAsync(cancellationToken);
        return claimed;
    }

    private async Task<JobResult> FinishAsync(JobContext context, Run run, RunProgress progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished) return JobResult.Completed;
        var summary = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
        if (summary.Pending + summary.Claimed > 0)
        {
            // Cannot happen while this attempt holds the job; if it does, another attempt owns the rest.
            return JobResult.LeaseLost;
        }
        var finished = await RunLedger.CompleteAsync(session, current, progress, summary, clock.GetUtcNow(), cancellationToken,
            "their errors and raw output are on the run's items (list_runs)");
        if (finished is null) return JobResult.Completed;
        if (!await RunLedger.CompleteJobAsync(session, context.Lease, cancellationToken)) return JobResult.LeaseLost;
        await session.CommitAsync(cancellationToken);
        LogFinished(logger, run.Id, finished.Status, summary.Completed, summary.Failed);
        return JobResult.Settled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM run {RunId} {Status}: {Completed} items completed, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string runId, string status, int completed, int failed);
}
