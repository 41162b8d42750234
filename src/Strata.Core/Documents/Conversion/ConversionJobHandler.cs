using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Documents.Conversion;

/// <summary>
/// Converts one document into blocks: waits while its source's upload is pending, marks it converting with the
/// converter chosen by its media type, streams the blocks into the store in batches (each batch is a sign of life the
/// timeout sweep reads), and marks it ingested with its block count (and, with an embedding provider, queues the
/// embedding backfill of its units) in the transaction that completes the job. A
/// converter's refusal (malformed, too large, unsupported) fails the document with the error kept; a crash leaves it
/// converting for the retry, which starts over from block 0, or for the timeout sweep.
/// </summary>
public sealed class ConversionJobHandler(
    IStrataStore store,
    IBlobStore blobs,
    IDocumentConversion? conversion,
    WorkerOptions options,
    TimeProvider clock,
    string? embeddingModel = null) : IJobHandler
{
    public const string DocumentIdKey = "document_id";

    /// <summary>Blocks written per transaction: short write locks on SQLite, and a sign of life after each.</summary>
    public const int BatchSize = 500;

    public string Kind => JobKinds.ConvertDocument;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    public static JobRequest Request(Document document, WorkerOptions options) =>
        new(JobKinds.ConvertDocument, JobPayload.Of(DocumentIdKey, document.Id), document.UserId)
        {
            Subject = document.Id,
            UniqueKey = "convert:" + document.Id,
            MaxAttempts = options.InterpretMaxAttempts,
        };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Conversion job {context.Job.Id} has no user.");
        var documentId = JobPayload.Read(context.Job, DocumentIdKey);
        Document? document;
        Source? source;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            document = await read.Documents.GetAsync(documentId, cancellationToken);
            source = document is null ? null : await read.Sources.GetAsync(document.SourceId, cancellationToken);
        }
        if (document is null || document.IsSettled) return JobResult.Completed; // deleted, timed out or done meanwhile
        if (source is null) return await FailAsync(context, document, $"Source {document.SourceId} no longer exists.", cancellationToken);
        if (source.StorageStatus == StorageStatuses.Pending) return JobResult.SnoozeUntil(clock.GetUtcNow() + options.UploadWaitPoll);
        if (source.StorageStatus == StorageStatuses.Failed)
        {
            return await FailAsync(context, document, $"The source's bytes never reached the blob store: {source.StorageError}", cancellationToken);
        }
        if (conversion is null) return await FailAsync(context, document, $"{ErrorCodes.UnsupportedMediaType}: this worker has no document converters.", cancellationToken);

        ConverterIdentity converter;
        try
        {
            converter = conversion.Choose(document.MediaType);
        }
        catch (StrataException refused)
        {
            return await FailAsync(context, document, Describe(refused), cancellationToken);
        }
        var convUid = ConversionId.Compute(converter.Name, converter.Version, source.ContentHash);
        await using (var start = await store.OpenWriteAsync(userId, cancellationToken))
        {
            if (!await start.Documents.StartConversionAsync(documentId, converter.Name, converter.Version, convUid, clock.GetUtcNow(), cancellationToken))
            {
                return JobResult.Completed;
            }
            // A retried attempt starts over: whatever an earlier attempt wrote goes first.
            await start.DocumentBlocks.DeleteByDocumentAsync(documentId, cancellationToken);
            await start.CommitAsync(cancellationToken);
        }

        try
        {
            var written = await WriteBlocksAsync(userId, document, source, convUid, cancellationToken);
            if (written is null) return JobResult.Completed; // failed by the timeout sweep meanwhile
            await using var finish = await store.OpenWriteAsync(userId, cancellationToken);
            if (!await finish.Documents.FinishConversionAsync(documentId, written.Value, clock.GetUtcNow(), cancellationToken)) return JobResult.Completed;
            // With an embedding provider, the new units' vectors are computed in the background (committed with the blocks).
            if (embeddingModel is not null)
            {
                await finish.Jobs.EnqueueAsync(Recall.Embeddings.EmbeddingBackfillJobHandler.Request(userId, embeddingModel, documentId), cancellationToken);
            }
            return await RunLedger.CommitWithJobAsync(finish, context.Lease, JobResult.Completed, cancellationToken);
        }
        catch (StrataException refused) when (refused.Code is ErrorCodes.MalformedContent or ErrorCodes.FileTooLarge
            or ErrorCodes.UnsupportedMediaType or ErrorCodes.ValidationFailed or ErrorCodes.EmptyFile)
        {
            // The same bytes fail the same way every time: record it on the document rather than retry.
            return await FailAsync(context, document, Describe(refused), cancellationToken);
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or StrataException) && context.Job.IsLastAttempt)
        {
            return await FailAsync(context, document, $"{failure.GetType().Name}: {failure.Message}", cancellationToken);
        }
    }

    /// <summary>Streams the converter's blocks into the store a batch per transaction; null when the document stopped
    /// converting meanwhile (the timeout sweep failed it, or it was deleted).</summary>
    private async Task<int?> WriteBlocksAsync(string userId, Document document, Source source, string convUid, CancellationToken cancellationToken)
    {
        var batch = new List<DocumentBlock>(BatchSize);
        var written = 0;
        await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        await foreach (var block in conversion!.ConvertAsync(document.MediaType, content, cancellationToken))
        {
            batch.Add(block);
            if (batch.Count < BatchSize) continue;
            if (!await FlushAsync(userId, document, convUid, batch, written, cancellationToken)) return null;
            written += batch.Count;
            batch.Clear();
        }
        if (batch.Count > 0)
        {
            if (!await FlushAsync(userId, document, convUid, batch, written, cancellationToken)) return null;
            written += batch.Count;
        }
        return written;
    }

    /// <summary>A batch of blocks and their recall index in one transaction: a block is searchable as soon as it is stored.</summary>
    private async Task<bool> FlushAsync(string userId, Document document, string convUid, List<DocumentBlock> batch, int written,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        if (!await session.Documents.BeatAsync(document.Id, clock.GetUtcNow(), cancellationToken)) return false;
        await session.DocumentBlocks.InsertManyAsync(document.Id, convUid, batch, cancellationToken);
        await session.Recall.AddAsync(Recall.RecallUnits.Of(document, batch), cancellationToken);
        // A crash test's hold point: inside a batch after the first, so one batch is committed and one is not.
        if (written > 0) await HoldPoint.ReachedAsync("conversion-batch", cancellationToken);
        await session.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Fails the document with the error (its partial blocks removed) and the job with it, in one transaction.</summary>
    private async Task<JobResult> FailAsync(JobContext context, Document document, string error, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(document.UserId, cancellationToken);
        if (await session.Documents.FailConversionAsync(document.Id, error, clock.GetUtcNow(), staleBefore: null, cancellationToken))
        {
            await session.DocumentBlocks.DeleteByDocumentAsync(document.Id, cancellationToken);
        }
        return await RunLedger.CommitWithJobAsync(session, context.Lease, JobResult.Fail(error), cancellationToken);
    }

    /// <summary>The error kept on the document: its code, then the message (<c>MALFORMED_CONTENT: …</c>).</summary>
    public static string Describe(StrataException refused) => $"{refused.Code}: {refused.Message}";
}
