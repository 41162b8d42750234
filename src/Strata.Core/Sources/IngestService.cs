using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Metrics;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core.Sources;

/// <summary>
/// <c>ingest</c> and <c>reinterpret</c>. One write transaction counts the quotas, records the source and a pending
/// run, and enqueues the interpretation (and, when the blob store refused the bytes, their upload); the caller
/// then waits for the run or not. A refused quota or input rolls all of it back — except bytes already put in the blob
/// store, which a rollback never deletes (the key is content-addressed, so another committed source may refer to it; the
/// orphan sweep collects blobs nothing refers to). A concurrent ingest of the same bytes that commits first turns this
/// one into a dedupe of its source.
/// </summary>
public sealed class IngestService(
    IStrataStore store,
    IBlobStore blobs,
    InterpretationRunner runner,
    QuotaGuard quotas,
    RunWaiter waiter,
    StrataMetrics metrics,
    StrataOptions options,
    TimeProvider clock,
    Extraction.LlmRunService llm)
{
    private readonly Spool _spool = new(options.SpoolDirectory);
    private readonly Reingestion _reingestion = new(runner, quotas, waiter, options, clock);
    private readonly PendingBytes _pending = new(options.SpoolDirectory, options.PendingUploads);

    public async Task<IngestResult> IngestAsync(string userId, IngestRequest request, CancellationToken cancellationToken)
    {
        var fileName = SafeFileName(request.FileName);
        var entityType = ValidTypeOrNull(request.EntityType);
        using var spooled = await _spool.WriteAsync(request.Content, options.MaxUploadBytes, cancellationToken);
        var mimeType = string.IsNullOrWhiteSpace(request.MimeType)
            ? MediaTypes.Detect(fileName, spooled.Head)
            : MediaTypes.Normalize(request.MimeType);
        var interpreter = request.Interpret && !request.Llm ? runner.For(mimeType) : null;
        var withLlm = request.Interpret && request.Llm;

        Source source;
        Run? run = null;
        var concurrentDuplicate = false;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            var existing = await session.Sources.FindByHashAsync(spooled.ContentHash, cancellationToken);
            if (existing is not null)
            {
                if (existing.StorageStatus == StorageStatuses.Failed)
                {
                    // The caller offers the bytes whose upload finally failed: store them again rather than answer with
                    // a source that has no bytes anywhere.
                    existing = await StoreAgainAsync(session, existing, spooled, cancellationToken);
                    await session.CommitAsync(cancellationToken);
                    return Deduplicated(existing, fileName);
                }
                if (withLlm)
                {
                    return Result(existing, deduplicated: true, InterpretationOutcome.SkippedBecause(
                        $"These bytes are already stored as source {existing.Id}; nothing new was stored. Use `strata reinterpret {existing.Id} --llm` for an LLM run."), fileName);
                }
                // Bytes whose last run failed or never finished (a killed CLI) are interpreted again, not skipped.
                var again = request.Interpret ? await _reingestion.PrepareAsync(session, existing, entityType, cancellationToken) : null;
                return again is null
                    ? Deduplicated(existing, fileName)
                    : Result(existing, deduplicated: true, await _reingestion.FollowAsync(existing, again, request.Wait, cancellationToken), fileName);
            }

            await quotas.ReserveStorageAsync(session, StorageCost.Of(spooled.ByteSize), cancellationToken);
            if (interpreter is not null || withLlm) await quotas.CountInterpretationAsync(session, cancellationToken);

            var now = clock.GetUtcNow();
            source = new Source(StrataIds.Source(userId, spooled.ContentHash), userId, spooled.ContentHash,
                spooled.ByteSize, mimeType, fileName, StorageStatuses.Uploaded, now);
            // Bytes put in the blob store are never deleted when this transaction rolls back: the key is content-addressed,
            // so a concurrent ingest's committed source may already refer to it. A blob no source refers to is collected
            // by the orphan sweep.
            var spooledPath = await spooled.FileAsync(cancellationToken);
            var uploadError = await TryUploadAsync(source, spooledPath, cancellationToken);
            if (uploadError is not null)
            {
                source = source with { StorageStatus = StorageStatuses.Pending, StorageError = uploadError };
            }
            if (await session.Sources.InsertAsync(source, cancellationToken) == SourceInsert.AlreadyStored)
            {
                concurrentDuplicate = true;
            }
            else
            {
                if (uploadError is not null)
                {
                    // In the database, not this process's spool: a worker in any process can upload them.
                    await _pending.KeepAsync(session, source, spooledPath, cancellationToken);
                    await session.Jobs.EnqueueAsync(UploadJobHandler.Request(source, options.Worker, now), cancellationToken);
                }
                if (interpreter is not null || withLlm)
                {
                    run = withLlm
                        ? LlmRun.New(userId, source, await llm.DescribeAsync(session, source, request.Model, entityType, cancellationToken), now)
                        : InterpretationRunner.NewRun(userId, source, interpreter!, entityType, now);
                    await RunLedger.OpenAsync(session, run, cancellationToken);
                    await session.Jobs.EnqueueAsync(InterpretJobHandler.Request(run, options.Worker), cancellationToken);
                }
                await session.CommitAsync(cancellationToken);
            }
        }

        if (concurrentDuplicate)
        {
            // A concurrent ingest of the same bytes committed its source first; this one rolled back (quotas, jobs)
            // and answers as the dedupe it would have been a moment later.
            return await ConcurrentDuplicateAsync(userId, source.ContentHash, fileName, cancellationToken);
        }

        if (run is null)
        {
            return Result(source, deduplicated: false, InterpretationOutcome.SkippedBecause(request.Interpret
                ? $"No interpreter reads {mimeType}; the source is stored as it is."
                : "Interpretation was not requested (--no-interpret, or interpret=false over REST and MCP)."), fileName);
        }
        if (source.StorageStatus == StorageStatuses.Pending)
        {
            return Result(source, deduplicated: false, Queued(run,
                "The blob store refused the bytes, so they wait in the database for an upload retry; the run starts once they are uploaded."), fileName);
        }
        if (!request.Wait)
        {
            return Result(source, deduplicated: false, Queued(run, QueuedReason), fileName);
        }

        var outcome = await waiter.WaitAsync(userId, run.Id, cancellationToken, request.Progress);
        if (outcome.Status == RunStatuses.Failed && RunErrors.Parse(outcome.Error) is { } rejected)
        {
            // As before the queue, a caller who waited hears that the content was refused, with its code; the source
            // is kept and the failed run records why.
            throw new StrataException(rejected.Code,
                $"{rejected.Message} (source {source.Id} is kept; its run {run.Id} failed with this error)");
        }
        return Result(source, deduplicated: false, outcome, fileName);
    }

    /// <summary>A new run (rules, or a model's when the request asks for one) over an existing source; earlier runs and
    /// their observations are never touched. A failed run comes back as an outcome with its error.</summary>
    public async Task<InterpretationOutcome> ReinterpretAsync(string userId, string sourceId, ReinterpretRequest request,
        CancellationToken cancellationToken)
    {
        Source source;
        Run run;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            source = await session.Sources.GetAsync(sourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
            var interpreter = request.UsesLlm ? null : runner.For(source.MimeType)
                ?? throw new StrataException(ErrorCodes.UnsupportedMediaType, $"No interpreter reads {source.MimeType}.");
            if (source.StorageStatus == StorageStatuses.Failed)
            {
                throw StrataException.Validation($"Source {sourceId} has no bytes in the blob store: its upload failed ({source.StorageError}).");
            }
            var type = ValidTypeOrNull(request.EntityType) ?? await LastRunTypeAsync(session, sourceId, cancellationToken);
            await quotas.CountInterpretationAsync(session, cancellationToken);
            run = request.UsesLlm
                ? LlmRun.New(userId, source, await llm.DescribeAsync(session, source, request.Model, type, cancellationToken), clock.GetUtcNow())
                : InterpretationRunner.NewRun(userId, source, interpreter!, type, clock.GetUtcNow());
            await RunLedger.OpenAsync(session, run, cancellationToken);
            await session.Jobs.EnqueueAsync(InterpretJobHandler.Request(run, options.Worker), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        if (source.StorageStatus == StorageStatuses.Pending)
        {
            return Queued(run, "The source's bytes are waiting for an upload retry; the run starts once they are uploaded.");
        }
        return request.Wait
            ? await waiter.WaitAsync(userId, run.Id, cancellationToken)
            : Queued(run, QueuedReason);
    }

    private async Task<IngestResult> ConcurrentDuplicateAsync(string userId, string contentHash, string? fileName, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var winner = await session.Sources.FindByHashAsync(contentHash, cancellationToken)
            ?? throw new InvalidOperationException($"The store reported a source for {contentHash} that it cannot read.");
        return Deduplicated(winner, fileName);
    }

    /// <summary>The existing source, as it is (its first name included), with the name this call gave beside it.</summary>
    private static IngestResult Deduplicated(Source existing, string? fileName) => Result(existing, deduplicated: true, InterpretationOutcome.SkippedBecause(
        $"These bytes are already stored as source {existing.Id}{FirstStoredAs(existing, fileName)}; nothing new was stored. Use reinterpret for a new run."),
        fileName);

    private static string FirstStoredAs(Source existing, string? fileName) =>
        existing.OriginalFilename is { } first && first != fileName ? $", first stored as '{first}'" : "";

    /// <summary>A source whose upload finally failed, offered its bytes again: uploaded now, or pending again with the
    /// bytes kept in the database and a new upload job.</summary>
    private async Task<Source> StoreAgainAsync(IStoreSession session, Source failed, SpooledFile spooled, CancellationToken cancellationToken)
    {
        var path = await spooled.FileAsync(cancellationToken);
        var uploadError = await TryUploadAsync(failed, path, cancellationToken);
        var source = uploadError is null
            ? failed with { StorageStatus = StorageStatuses.Uploaded, StorageError = null }
            : failed with { StorageStatus = StorageStatuses.Pending, StorageError = uploadError };
        if (!await session.Sources.ReopenFailedUploadAsync(source.Id, source.StorageStatus, source.StorageError, cancellationToken))
        {
            throw new InvalidOperationException($"Source {source.Id} was failed and is not any more, inside one write transaction.");
        }
        if (uploadError is null)
        {
            await session.PendingBytes.DeleteAsync(source.Id, cancellationToken);
        }
        else
        {
            await _pending.KeepAsync(session, source, path, cancellationToken);
            await session.Jobs.EnqueueAsync(UploadJobHandler.Request(source, options.Worker, clock.GetUtcNow()), cancellationToken);
        }
        return source;
    }

    /// <summary>Puts the spooled bytes in the blob store; on failure leaves the file in place and returns the error.</summary>
    private async Task<string?> TryUploadAsync(Source source, string spooledPath, CancellationToken cancellationToken)
    {
        try
        {
            await blobs.PutFileAsync(source.BlobKey, spooledPath, cancellationToken);
            metrics.UploadAttempted(succeeded: true);
            return null;
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or StrataException))
        {
            metrics.UploadAttempted(succeeded: false);
            return $"{failure.GetType().Name}: {failure.Message}";
        }
    }

    // Said the same way to the CLI, REST and MCP: each caller finds the run with its own listing.
    private const string QueuedReason = "The interpretation is queued and a worker will run it; follow it with list_runs (`strata runs`, GET /v1/runs).";

    private static InterpretationOutcome Queued(Run run, string reason) => new() { RunId = run.Id, Status = run.Status, Reason = reason };

    private static async Task<string?> LastRunTypeAsync(IStoreReader session, string sourceId, CancellationToken cancellationToken)
    {
        var runs = (await session.Runs.ListAsync(sourceId, new Paging(1), includeArchived: true, cancellationToken)).Items;
        return runs.Count > 0 ? RunConfig.EntityType(runs[0].ConfigJson) : null;
    }

    private static IngestResult Result(Source source, bool deduplicated, InterpretationOutcome outcome, string? fileName) =>
        new(source.Id, source.ContentHash, source.ByteSize, source.MimeType, source.OriginalFilename, deduplicated,
            source.StorageStatus, outcome, fileName);

    /// <summary>Only the last segment of a client's path is kept: a file name is a label, never a location.</summary>
    public static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        // Bidi controls (U+202E...) go too: "invoice\u202Efdp.exe" must not display as "invoiceexe.pdf".
        name = new string(name.Where(c => !char.IsControl(c)
            && c is not ('\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')).ToArray()).Trim();
        if (name.Length > 255) name = name[..255];
        return name.Length == 0 || name is "." or ".." ? null : name;
    }

    public static string? ValidTypeOrNull(string? entityType)
    {
        if (string.IsNullOrWhiteSpace(entityType)) return null;
        var type = entityType.Trim().ToLowerInvariant();
        return RecordShaper.TypeNamePattern().IsMatch(type)
            ? type
            : throw StrataException.Validation($"'{entityType}' is not a valid entity type: use lower-case letters, digits, '_' or '-', starting with a letter or digit.");
    }
}
