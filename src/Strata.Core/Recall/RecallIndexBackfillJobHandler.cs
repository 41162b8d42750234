using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Indexes the documents converted before the recall index existed (listed in <c>recall_pending_documents</c> by migration
/// 0060), one page of a document's blocks per transaction: the page's units and postings are written in it, and the page
/// that ends a document marks it indexed in the same transaction, so <c>recall</c> reports the backfill as "indexed of
/// total". Indexing a unit twice adds nothing (the index's inserts are <c>ON CONFLICT DO NOTHING</c>), so a worker killed
/// mid-document loses nothing but the page in flight, and the job's retry starts that document over. The transaction that
/// completes the job deletes the user's pending list once every document on it is indexed, and queues the embedding
/// backfill when an embedding provider is configured. Queued by migration 0260 for every user with pending documents, and
/// by a question that finds documents pending (an archive imported from an older store).
/// </summary>
public sealed class RecallIndexBackfillJobHandler(IStrataStore store, string? embeddingModel) : IJobHandler
{
    /// <summary>Blocks read and indexed per transaction.</summary>
    public const int PageSize = 500;

    public string Kind => JobKinds.IndexRecall;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>The backfill for one user; <paramref name="occasion"/> makes the unique key (the pending count a question found).</summary>
    public static JobRequest Request(string userId, string occasion) =>
        new(JobKinds.IndexRecall, "{}", userId) { Subject = userId, UniqueKey = $"recall-index:{userId}:{occasion}" };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Recall index job {context.Job.Id} has no user.");
        var indexed = 0;
        for (var documentId = await NextAsync(userId, cancellationToken); documentId is not null; documentId = await NextAsync(userId, cancellationToken))
        {
            await IndexAsync(userId, documentId, later: indexed++ > 0, cancellationToken);
        }
        await using var finish = await store.OpenWriteAsync(userId, cancellationToken);
        await finish.Recall.ClearIndexedDocumentsAsync(cancellationToken);
        if (embeddingModel is not null)
        {
            await finish.Jobs.EnqueueAsync(Embeddings.EmbeddingBackfillJobHandler.Request(userId, embeddingModel, $"recall-index-{context.Job.Id}"), cancellationToken);
        }
        return await RunLedger.CommitWithJobAsync(finish, context.Lease, JobResult.Completed, cancellationToken);
    }

    private async Task<string?> NextAsync(string userId, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        return await read.Recall.NextPendingDocumentAsync(cancellationToken);
    }

    private async Task IndexAsync(string userId, string documentId, bool later, CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (var page = 0; ; page++)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            var document = await session.Documents.GetAsync(documentId, cancellationToken);
            var blocks = document is null ? null : await session.DocumentBlocks.ListAsync(documentId, new Paging(PageSize, Cursor: cursor), cancellationToken);
            if (document is not null && blocks is not null)
            {
                await session.Recall.AddAsync(blocks.Items.Select(b => RecallUnits.Of(document.Id, document.Name, b.Block)).ToList(), cancellationToken);
            }
            // A crash test's hold point: inside a page after the first of this attempt, so one is committed and one is not.
            if (later || page > 0) await HoldPoint.ReachedAsync("recall-index-page", cancellationToken);
            cursor = blocks?.NextCursor;
            if (cursor is null) await session.Recall.MarkDocumentIndexedAsync(documentId, cancellationToken);
            await session.CommitAsync(cancellationToken);
            if (cursor is null) return;
        }
    }
}
