using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>
/// Runs of block schemas over documents and their review. Starting a run creates, in one transaction, the run (of the
/// document's source, interpreter <c>llm-blocks</c>, its config naming the schema version, model and prompt hash), one
/// item per block and the jobs whose workers ask the model; each answer is staged, and people confirm, reject or edit.
/// </summary>
public sealed partial class ReviewService(IStrataStore store, BlockRunService runner, TimeProvider clock)
{
    /// <summary>How many jobs (and so workers at once) one run is spread over at most.</summary>
    public const int MaxLanes = 2;

    public async Task<StartBlockRunResult> StartRunAsync(string userId, string documentId, string schemaRef, int? version, string? model,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var document = await session.Review.GetDocumentAsync(documentId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {documentId}.");
        var schema = await BlockSchemaService.FindAsync(session, schemaRef, version, cancellationToken);
        var run = await CreateRunAsync(session, document, schema, model, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new StartBlockRunResult(await ViewAsync(userId, run.RunId, cancellationToken), Created: true);
    }

    /// <summary>The run, its block-run row, its items and its jobs, in the caller's transaction.</summary>
    private async Task<BlockRun> CreateRunAsync(IStoreSession session, ReviewDocument document, RegisteredSchema schema, string? model,
        CancellationToken cancellationToken)
    {
        if (document.Status != "ingested")
        {
            throw StrataException.Validation($"Document {document.DocumentId} is {document.Status}, not ingested: its blocks are not ready to run a schema over.");
        }
        var config = new Dictionary<string, string?>(await runner.DescribeAsync(session, schema, model, cancellationToken))
        {
            ["interpreter"] = BlockInterpreter.Name,
            ["document_id"] = document.DocumentId,
            ["project_id"] = document.ProjectId,
            ["schema_ref"] = schema.Definition.EntityType,
            ["schema_version"] = schema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["schema_uid"] = schema.SchemaUid,
        };
        var configJson = RunConfig.Serialize(config);
        var now = clock.GetUtcNow();
        var runId = StrataIds.NewRun();
        var blocks = await ItemsAsync(session, document, runId, now, cancellationToken);
        var empty = blocks.Count == 0;
        await RunLedger.OpenAsync(session, new Run(runId, session.UserId, document.SourceId, BlockInterpreter.Name, BlockInterpreter.Version,
            configJson, Sha256Hex.Of(configJson), empty ? RunStatuses.Completed : RunStatuses.Pending, blocks.Count, 0, 0, null, now,
            null, empty ? now : null, null), cancellationToken);
        var blockRun = new BlockRun(runId, document.DocumentId, document.ProjectId, schema.Definition.EntityType, schema.Version, schema.SchemaUid, now);
        await session.Review.InsertRunAsync(blockRun, cancellationToken);
        await session.RunItems.InsertManyAsync(blocks, cancellationToken);
        var perCall = schema.Definition.Block!.PromptConfig.EffectiveMaxBlocksPerCall;
        await EnqueueAsync(session, runId, Math.Min(MaxLanes, (blocks.Count + perCall - 1) / perCall), cancellationToken);
        return blockRun;
    }

    private static async Task<List<RunItem>> ItemsAsync(IStoreReader session, ReviewDocument document, string runId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        const int Batch = 1000;
        var items = new List<RunItem>(document.BlockCount);
        for (var from = 0; ; from += Batch)
        {
            var blocks = await session.Review.ReadBlocksAsync(document.DocumentId, from, from + Batch - 1, cancellationToken);
            foreach (var block in blocks)
            {
                var (start, length) = BlockText.Range(block);
                items.Add(RunItem.Pending(runId, block.Index, start, length, now));
            }
            if (blocks.Count == 0 || (document.BlockCount > 0 && from + Batch >= document.BlockCount)) break;
        }
        return items;
    }

    private static async Task EnqueueAsync(IStoreSession session, string runId, int lanes, CancellationToken cancellationToken)
    {
        for (var lane = 0; lane < lanes; lane++)
        {
            await session.Jobs.EnqueueAsync(BlockRunJobHandler.Request(session.UserId, runId), cancellationToken);
        }
    }

    public async Task<BlockRunView> GetRunAsync(string userId, string runId, CancellationToken cancellationToken) =>
        await ViewAsync(userId, runId, cancellationToken);

    /// <summary>Documents one <c>list_block_runs</c> call may list (<c>document_ids</c>): a page of the project page's documents.</summary>
    public const int MaxDocumentIds = 100;

    /// <summary>The most runs <c>per_document</c> may keep of each document: the largest page.</summary>
    public const int MaxPerDocument = Paging.MaxLimit;

    /// <summary>The block runs of a document or of a project (one of them given), oldest first, a page at a time.</summary>
    public Task<BlockRunList> ListRunsAsync(string userId, string? documentId, string? projectId, Paging paging, CancellationToken cancellationToken) =>
        ListRunsAsync(userId, documentId, projectId, null, null, paging, cancellationToken);

    /// <summary>The block runs of a document, of several documents (<paramref name="documentIds"/>, at most
    /// <see cref="MaxDocumentIds"/>; with <paramref name="perDocument"/> only each one's oldest that many) or of a project
    /// (one of the three given), oldest first, a page at a time. A listed document that is not the user's answers
    /// DOCUMENT_NOT_FOUND, as a missing one does, before anything is listed.</summary>
    public async Task<BlockRunList> ListRunsAsync(string userId, string? documentId, string? projectId, IReadOnlyList<string>? documentIds,
        int? perDocument, Paging paging, CancellationToken cancellationToken)
    {
        if ((documentId is null ? 0 : 1) + (projectId is null ? 0 : 1) + (documentIds is null ? 0 : 1) != 1)
        {
            throw StrataException.Validation("Give one of document_id, document_ids or project_id.");
        }
        var listed = documentIds?.Distinct(StringComparer.Ordinal).ToList();
        if (listed is { Count: 0 }) throw StrataException.Validation("document_ids lists no document: give at least one id.");
        if (listed is { Count: > MaxDocumentIds })
        {
            throw StrataException.Validation($"document_ids lists {listed.Count} documents: at most {MaxDocumentIds} at a time.");
        }
        if (perDocument is not null && listed is null) throw StrataException.Validation("per_document goes with document_ids.");
        if (perDocument is < 1 or > MaxPerDocument) throw StrataException.Validation($"per_document must be 1 to {MaxPerDocument}.");
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        if (documentId is not null && await session.Review.GetDocumentAsync(documentId, cancellationToken) is null)
        {
            throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {documentId}.");
        }
        if (listed is not null)
        {
            var found = (await session.Review.FindDocumentIdsAsync(listed, cancellationToken)).ToHashSet(StringComparer.Ordinal);
            if (listed.FirstOrDefault(id => !found.Contains(id)) is { } missing)
            {
                throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {missing}.");
            }
        }
        if (projectId is not null) projectId = (await ProjectService.ResolveAsync(session, projectId, cancellationToken)).Id;
        var page = listed is null
            ? await session.Review.ListRunsPageAsync(documentId, projectId, paging.Validated(), cancellationToken)
            : await session.Review.ListDocumentsRunsPageAsync(listed, perDocument, paging.Validated(), cancellationToken);
        var views = new List<BlockRunView>(page.Items.Count);
        foreach (var run in page.Items) views.Add(await ViewAsync(session, run, cancellationToken));
        return new BlockRunList(views, page.NextCursor, page.Total);
    }

    /// <summary>Cancels a run that has not finished: its claimed blocks go back to pending and no worker takes more.</summary>
    public async Task<BlockRunView> CancelRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            var (run, _) = await RequireAsync(session, runId, cancellationToken);
            var now = clock.GetUtcNow();
            if (!run.IsFinished)
            {
                await RunLedger.CancelAsync(session, run, error: null, now, cancellationToken);
            }
            await session.RunItems.ReleaseClaimedAsync(runId, now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        return await ViewAsync(userId, runId, cancellationToken);
    }

    /// <summary>Deletes a run: its values, items, the observations its confirmed values became, and the run.</summary>
    public async Task<DeleteBlockRunResult> DeleteRunAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        await session.Review.LockRunAsync(runId, cancellationToken);
        await RequireAsync(session, runId, cancellationToken);
        var result = await BlockRunRemoval.DeleteAsync(session, runId, clock.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<BlockRunView> ViewAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var (_, blockRun) = await RequireAsync(session, runId, cancellationToken);
        return await ViewAsync(session, blockRun, cancellationToken);
    }

    private static async Task<BlockRunView> ViewAsync(IStoreReader session, BlockRun blockRun, CancellationToken cancellationToken)
    {
        var run = await session.Runs.GetAsync(blockRun.RunId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {blockRun.RunId}.");
        var counts = await session.Review.CountAsync(ReviewScope.Run, blockRun.RunId, cancellationToken);
        return new BlockRunView(blockRun.RunId, blockRun.DocumentId, blockRun.ProjectId, blockRun.SchemaRef, blockRun.SchemaVersion,
            blockRun.SchemaUid, run.Status, counts, run.Error, run.CreatedAt, run.CompletedAt);
    }

    private static async Task<(Run Run, BlockRun BlockRun)> RequireAsync(IStoreReader session, string runId, CancellationToken cancellationToken)
    {
        var blockRun = await session.Review.GetRunAsync(runId, cancellationToken);
        var run = blockRun is null ? null : await session.Runs.GetAsync(runId, cancellationToken);
        return run is null || blockRun is null
            ? throw new StrataException(ErrorCodes.RunNotFound, $"No block run {runId}.")
            : (run, blockRun);
    }
}
