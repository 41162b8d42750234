using Strata.Core.Documents.Conversion;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Documents;

/// <summary>
/// Documents in projects: adding a stored source (or a file, stored first as a source) makes a document whose conversion
/// into blocks is queued for a worker; the reads of documents and blocks. Another user's project, document or block
/// answers exactly as a missing one.
/// </summary>
public sealed class DocumentService(
    IStrataStore store,
    IBlobStore blobs,
    IngestService ingest,
    IDocumentConversion? conversion,
    ConversionWaiter waiter,
    WorkerOptions options,
    TimeProvider clock)
{
    /// <summary>
    /// <c>add_document</c> with a stored source: one write transaction checks the project and the source, records the
    /// document (uploaded) and enqueues its conversion. The same source added to the same project again is the same
    /// document (<c>created</c> false); a source is a document in one project only. With <paramref name="wait"/> the
    /// caller works on the conversion itself and answers once it settled (ingested or conversion_failed).
    /// </summary>
    public async Task<AddDocumentResult> AddSourceAsync(string userId, string project, string sourceId, string? name, bool wait,
        CancellationToken cancellationToken) =>
        await AddAsync(userId, project, sourceId, name, sourceDeduplicated: false, wait, cancellationToken);

    /// <summary><c>add_document</c> with bytes: the file is stored as a source (deduplicated, never interpreted by the
    /// rules: it is a document), then added as <see cref="AddSourceAsync"/> does. The project is checked before any byte is stored.</summary>
    public async Task<AddDocumentResult> AddFileAsync(string userId, string project, Stream content, string? fileName, string? mediaType, bool wait,
        CancellationToken cancellationToken)
    {
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            _ = await ProjectService.ResolveAsync(read, project, cancellationToken);
        }
        var stored = await ingest.IngestAsync(userId, new IngestRequest(content, fileName, mediaType, null, Interpret: false, Wait: false), cancellationToken);
        try
        {
            return await AddAsync(userId, project, stored.SourceId, stored.FileName ?? stored.OriginalFilename, stored.Deduplicated, wait, cancellationToken);
        }
        catch (StrataException refused) when (refused.Code == ErrorCodes.UnsupportedMediaType && !stored.Deduplicated)
        {
            // A refused file changes nothing: the source stored for it goes again, with its bytes.
            await ForgetSourceAsync(userId, stored.SourceId, cancellationToken);
            throw;
        }
    }

    private async Task ForgetSourceAsync(string userId, string sourceId, CancellationToken cancellationToken)
    {
        Lifecycle.DocumentRemoval removal;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            removal = new Lifecycle.DocumentRemoval(session, clock.GetUtcNow());
            await removal.RemoveSourceIfUnusedAsync(sourceId, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        await removal.DeleteBlobsAsync(store, blobs, cancellationToken);
    }

    private async Task<AddDocumentResult> AddAsync(string userId, string project, string sourceId, string? name, bool sourceDeduplicated, bool wait,
        CancellationToken cancellationToken)
    {
        Document document;
        bool created;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            var target = await ProjectService.ResolveAsync(session, project, cancellationToken);
            var source = await session.Sources.GetAsync(sourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
            if (await session.Documents.FindBySourceAsync(source.Id, cancellationToken) is { } existing)
            {
                if (existing.ProjectId != target.Id)
                {
                    throw new StrataException(ErrorCodes.Conflict,
                        $"Source {source.Id} is already document {existing.Id} of another project ({existing.ProjectId}); a source is a document in one project only. " +
                        "Delete that document first to move it.");
                }
                document = existing;
                created = false;
            }
            else
            {
                if (source.StorageStatus == StorageStatuses.Failed)
                {
                    throw StrataException.Validation($"Source {source.Id} has no bytes in the blob store: its upload failed ({source.StorageError}).");
                }
                if (conversion is null)
                {
                    throw new StrataException(ErrorCodes.UnsupportedMediaType, "This process has no document converters.");
                }
                _ = conversion.Choose(source.MimeType); // refuses a type no converter reads before anything is written
                var now = clock.GetUtcNow();
                document = new Document(StrataIds.Document(userId, target.Id, source.Id), userId, target.Id, source.Id,
                    DocumentName(name, source), source.MimeType, DocumentStatuses.Uploaded, null, null, null, 0, null, now, now);
                if (!await session.Documents.InsertAsync(document, cancellationToken))
                {
                    throw new StrataException(ErrorCodes.Conflict, $"Source {source.Id} was just added as a document by another request; list the project's documents.");
                }
                await session.Jobs.EnqueueAsync(ConversionJobHandler.Request(document, options), cancellationToken);
                await session.CommitAsync(cancellationToken);
                created = true;
            }
        }
        if (wait && !document.IsSettled)
        {
            document = await waiter.WaitAsync(userId, document.Id, cancellationToken);
        }
        return new AddDocumentResult(DocumentViews.Of(document), created, sourceDeduplicated);
    }

    public async Task<DocumentView> GetAsync(string userId, string documentId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return DocumentViews.Of(await RequireAsync(session, documentId, cancellationToken));
    }

    /// <summary><c>list_documents</c>: a project's documents in the order they were added; only those of <paramref name="status"/> when given.</summary>
    public async Task<DocumentList> ListAsync(string userId, string project, string? status, Paging paging, CancellationToken cancellationToken)
    {
        if (status is not null && !DocumentStatuses.All.Contains(status))
        {
            throw StrataException.Validation($"status must be one of {string.Join(", ", DocumentStatuses.All)} (got '{status}').");
        }
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var target = await ProjectService.ResolveAsync(session, project, cancellationToken);
        var page = await session.Documents.ListAsync(target.Id, status, paging.Validated(), cancellationToken);
        return new DocumentList(target.Id, page.Items.Select(DocumentViews.Of).ToList(), page.NextCursor, page.Total);
    }

    /// <summary><c>list_blocks</c>: a document's blocks in reading order.</summary>
    public async Task<BlockList> ListBlocksAsync(string userId, string documentId, Paging paging, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        _ = await RequireAsync(session, documentId, cancellationToken);
        var page = await session.DocumentBlocks.ListAsync(documentId, paging.Validated(), cancellationToken);
        return new BlockList(documentId, page.Items.Select(DocumentViews.Of).ToList(), page.NextCursor, page.Total);
    }

    /// <summary><c>get_block</c>: one block by its block_uid (<c>conv_…:index</c>).</summary>
    public async Task<BlockView> GetBlockAsync(string userId, string blockUid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(blockUid)) throw StrataException.Validation("block_uid is required (conv_...:index).");
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var block = await session.DocumentBlocks.GetAsync(blockUid, cancellationToken)
            ?? throw new StrataException(ErrorCodes.BlockNotFound, $"No block {blockUid}.");
        return DocumentViews.Of(block);
    }

    public static async Task<Document> RequireAsync(IStoreReader session, string documentId, CancellationToken cancellationToken) =>
        await session.Documents.GetAsync(documentId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {documentId}.");

    private static string DocumentName(string? name, Source source)
    {
        var chosen = IngestService.SafeFileName(name) ?? source.OriginalFilename ?? source.Id;
        return chosen.Length <= 255 ? chosen : chosen[..255];
    }
}
