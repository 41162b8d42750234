using System.Globalization;
using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Extraction;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Schemas;
using Strata.Core.Storage;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Review;

/// <summary>
/// Block runs: a worker claims a batch of the run's blocks (pending ones, and claimed ones whose worker stopped touching
/// them), packs them into calls of at most the schema's blocks per call, runs each pack with splitting on failure, and
/// commits each pack's answers as staged values (a failed or junk answer fails its block with the raw output). It claims
/// again until nothing is left; the worker that then finds no block pending or claimed completes the run. Claims are one
/// statement each, so two workers on one run never take the same block, and a block's outcome is recorded only while it
/// is still claimed, so it is recorded once.
/// </summary>
public sealed partial class BlockRunService(LlmRunKit kit, ILogger<BlockRunService> logger)
{
    private readonly RunSettlement _settlement = new(kit.Store, kit.Clock, logger, "Block");

    /// <summary>A claim not touched for this long belongs to a worker that is gone; another may take the block.</summary>
    private TimeSpan StaleClaim => kit.RunOptions.BlockClaimLease;

    /// <summary>The run's config: the model chosen by the chain (request, schema, user, server), the prompt and its hash.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> DescribeAsync(IStoreReader session, RegisteredSchema schema, string? model,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(model) && ModelNames.TryParse(model) is null)
        {
            throw StrataException.Validation($"model must be provider/model, such as anthropic/claude-sonnet-4-5 (got '{model}').");
        }
        var user = await session.LlmSettings.GetDefaultModelAsync(cancellationToken);
        var choice = kit.Models.Select(model, schema.Definition.Block?.PromptConfig.Model, user);
        return LlmRunConfig.DescribeBlockRun(choice, schema, kit.RunOptions.Temperature);
    }

    /// <summary>The work of one worker on a run: claims blocks until none are left, then settles its job.</summary>
    public async Task<JobResult> RunAsync(JobContext context, Run run, BlockRun blockRun, CancellationToken cancellationToken)
    {
        var config = LlmRunConfig.ReadBlockRun(run.ConfigJson);
        SchemaDefinition? schema;
        await using (var read = await kit.Store.OpenReadAsync(run.UserId, cancellationToken))
        {
            schema = (await read.Schemas.ListVersionsAsync(blockRun.SchemaRef, cancellationToken))
                .FirstOrDefault(s => s.Version == blockRun.SchemaVersion)?.Definition;
        }
        if (schema is null)
        {
            return await _settlement.FailAsync(context, run, ErrorCodes.SchemaNotFound, $"Block schema '{blockRun.SchemaRef}' version {blockRun.SchemaVersion} no longer exists.", cancellationToken);
        }
        var found = await _settlement.ClientAsync(context, run, config.Provider, kit.Models, kit.Keys, cancellationToken);
        if (found.Failed is { } failed) return failed;
        if (!await StartAsync(run, cancellationToken)) return JobResult.Completed;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        context.OnHeartbeat(token => _settlement.BeatAsync(run, stop, token));
        var runOptions = kit.RunOptions;
        var calls = new PackCalls(run, config, found.Client!, kit.Slots, kit.Usage, kit.Models, runOptions, kit.Clock);
        var committer = new BlockCommitter(kit.Store, run, blockRun, schema, runOptions.KeepAllRawOutput, kit.Clock);
        var caps = new PackCaps(config.MaxItemsPerCall, runOptions.Packs.MaxInputTokens, config.MaxTokens);
        return await _settlement.GuardAsync(context, run, config.Provider, async () =>
        {
            while (true)
            {
                var blocks = await ClaimAsync(run, blockRun, config.MaxItemsPerCall * runOptions.ParallelPacks, stop.Token);
                if (blocks is null) return JobResult.Completed; // the run finished meanwhile
                if (blocks.Count == 0)
                {
                    var settled = await FinishAsync(context, run, cancellationToken);
                    if (settled is not null) return settled;
                    continue; // a block went back to pending meanwhile (a reject, a retry): take it too
                }
                var packs = PackPlanner.Plan(blocks.Select(b => new WorkItem(b.Index.ToString(CultureInfo.InvariantCulture), BlockInput(b),
                    TokenEstimate.Of(b.Content.Length), config.MaxTokensPerItem)), caps);
                await Parallel.ForEachAsync(packs, new ParallelOptions { MaxDegreeOfParallelism = runOptions.ParallelPacks, CancellationToken = stop.Token },
                    async (pack, token) =>
                    {
                        var report = await SplitOnFailureExecutor.RunAsync(pack, calls.CallAsync, token);
                        await calls.RecordAsync(report, token);
                        if (!await committer.CommitAsync(report, calls.Shares(report), blocks, token)) await stop.CancelAsync();
                    });
            }
        }, cancellationToken);
    }

    /// <summary>The block's text as the model reads it: under its heading path when it has one.</summary>
    private static string BlockInput(ReviewBlock block)
    {
        var path = HeadingPath(block.HeadingPathJson);
        return path.Length == 0 ? block.Content : $"[{path}]\n{block.Content}";
    }

    private static string HeadingPath(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array
                ? string.Join(" > ", document.RootElement.EnumerateArray().Select(e => e.ToString()))
                : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }
}
