using System.Globalization;
using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Core.Evidence;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Extraction;

/// <summary>
/// LLM runs over text-like sources. A worker that takes a run cuts the source into chunks, one run item each (inserted
/// once; a retried run keeps what its earlier attempts finished and takes back the items a dead attempt held), packs the
/// items it claimed into calls, runs each pack with splitting on failure, and commits each pack's outcome as it comes.
/// The run then completes with its counts of completed and failed items. A refused key (401/403) or a used-up budget
/// fails the run at once; a run cancelled or timed out meanwhile stops its calls and returns its items to pending. The
/// calls use the user's own stored key for the provider when they set one (<see cref="RunModel"/>).
/// </summary>
public sealed class LlmRunService(LlmRunKit kit, ILogger<LlmRunService> logger)
{
    private readonly RunSettlement _settlement = new(kit.Store, kit.Clock, logger, "LLM");

    /// <summary>The config recorded on a new LLM run over <paramref name="source"/>: model, prompt, schemas. Throws
    /// <c>LLM_NOT_CONFIGURED</c> when no model can be chosen, <c>UNSUPPORTED_MEDIA_TYPE</c> when the source is not text-like.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, Source source, string? model, string? entityType,
        CancellationToken cancellationToken)
    {
        if (!LlmSources.IsTextLike(source.MimeType))
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType,
                $"The LLM interpreter reads text-like sources (plain text, Markdown, HTML, JSON, CSV); {source.MimeType} is not one.");
        }
        if (!string.IsNullOrWhiteSpace(model) && ModelNames.TryParse(model) is null)
        {
            throw StrataException.Validation($"--model must be provider/model, such as anthropic/claude-sonnet-4-5 (got '{model}').");
        }
        var registered = await session.Schemas.ListLatestAsync(cancellationToken);
        var chosen = await RunModel.ChooseAsync(session, model, entityType, registered, kit.Models, kit.Keys is not null, cancellationToken);
        var choice = chosen.Model;
        var catalog = new SchemaCatalog(registered);
        var prompt = ExtractionPrompt.For(catalog, catalog.ExtractedTypes);
        var config = new LlmRunConfig(choice.Provider, choice.Model, kit.RunOptions.Temperature, kit.RunOptions.MaxTokens,
            kit.RunOptions.ChunkTokens, prompt.SystemPrompt, prompt.ItemSchema);
        return LlmRunConfig.Describe(config, chosen, prompt, registered.Select(s => s.SchemaUid), source.MimeType, entityType);
    }

    /// <summary>Works on a queued LLM run for the job in <paramref name="context"/>; settles the run and the job.</summary>
    public async Task<JobResult> RunAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken)
    {
        var config = LlmRunConfig.Read(run.ConfigJson);
        var found = await _settlement.ClientAsync(context, run, config.Provider, kit.Models, kit.Keys, cancellationToken);
        if (found.Failed is { } failed) return failed;
        var text = await LlmSources.ReadTextAsync(kit.Blobs, source, cancellationToken);
        var chunks = TextChunker.Chunk(text, config.ChunkTokens);

        var claimed = await ClaimAsync(run, chunks, cancellationToken);
        if (claimed is null) return JobResult.Completed;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watching = kit.Stops.Watch(run.Id, stop);
        context.OnHeartbeat(token => _settlement.BeatAsync(run, stop, token));

        Run current;
        SchemaCatalog catalog;
        await using (var read = await kit.Store.OpenReadAsync(run.UserId, cancellationToken))
        {
            current = await read.Runs.GetAsync(run.Id, cancellationToken) ?? run;
            catalog = await SchemaCatalog.LoadAsync(read.Schemas, cancellationToken);
        }
        if (current.IsFinished) return JobResult.Completed;
        var writeContext = new WriteContext(run.Id, source.Id, ObservationKinds.Interpretation, Priorities.Interpretation,
            RunConfig.EntityType(run.ConfigJson), current.StartedAt ?? kit.Clock.GetUtcNow(), kit.Limits.MaxValueBytes);
        var committer = new PackCommitter(kit.Store, run, catalog, writeContext, new EvidenceLocator(text),
            claimed.ToDictionary(i => i.Index), RunProgress.Of(current), kit.RunOptions.KeepAllRawOutput, kit.Clock);
        var calls = new PackCalls(run, config, found.Client!, kit.Slots, kit.Usage, kit.Models, kit.RunOptions, kit.Clock);
        var packs = PackPlanner.Plan(claimed.Select(item => new WorkItem(
            item.Index.ToString(CultureInfo.InvariantCulture), text.Substring(item.Start, item.Length),
            TokenEstimate.Of(item.Length), kit.RunOptions.ExpectedOutputTokensPerItem)), kit.RunOptions.Packs);

        return await _settlement.GuardAsync(context, run, config.Provider, async () =>
        {
            await Parallel.ForEachAsync(packs, new ParallelOptions { MaxDegreeOfParallelism = kit.RunOptions.ParallelPacks, CancellationToken = stop.Token },
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
        var now = kit.Clock.GetUtcNow();
        await using var session = await kit.Store.OpenWriteAsync(run.UserId, cancellationToken);
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
        await using var session = await kit.Store.OpenWriteAsync(run.UserId, cancellationToken);
        var current = await session.Runs.GetAsync(run.Id, cancellationToken);
        if (current is null || current.IsFinished) return JobResult.Completed;
        var summary = await session.RunItems.SummarizeAsync(run.Id, cancellationToken);
        if (summary.Pending + summary.Claimed > 0)
        {
            // Cannot happen while this attempt holds the job; if it does, another attempt owns the rest.
            return JobResult.LeaseLost;
        }
        return await _settlement.CompleteAsync(session, context, current, progress, summary,
            "their errors and raw output are on the run's items (list_runs)", cancellationToken);
    }
}
