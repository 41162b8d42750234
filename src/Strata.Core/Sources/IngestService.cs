using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Interpretation;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Sources;

/// <summary><c>ingest</c> and <c>reinterpret</c>: keep the bytes as a source, then interpret them in a run.</summary>
public sealed class IngestService(
    IStrataStore store,
    IBlobStore blobs,
    InterpretationRunner runner,
    StrataOptions options,
    TimeProvider clock)
{
    private readonly Spool _spool = new(options.SpoolDirectory);

    public async Task<IngestResult> IngestAsync(string userId, IngestRequest request, CancellationToken cancellationToken)
    {
        var fileName = SafeFileName(request.FileName);
        var entityType = ValidTypeOrNull(request.EntityType);
        using var spooled = await _spool.WriteAsync(request.Content, options.MaxUploadBytes, cancellationToken);
        var mimeType = string.IsNullOrWhiteSpace(request.MimeType)
            ? MediaTypes.Detect(fileName, spooled.Head)
            : MediaTypes.Normalize(request.MimeType);

        await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
        var existing = await session.Sources.FindByHashAsync(spooled.ContentHash, cancellationToken);
        if (existing is not null)
        {
            return Result(existing, deduplicated: true, InterpretationOutcome.SkippedBecause(
                "These bytes are already stored as this source; use reinterpret for a new run."));
        }

        var source = new Source(StrataIds.Source(userId, spooled.ContentHash), userId, spooled.ContentHash,
            spooled.ByteSize, mimeType, fileName, StorageStatuses.Uploaded, clock.GetUtcNow());
        await blobs.PutFileAsync(source.BlobKey, spooled.Path, cancellationToken);
        try
        {
            await session.Sources.InsertAsync(source, cancellationToken);
            var interpreter = request.Interpret ? runner.For(mimeType) : null;
            var outcome = interpreter is null
                ? InterpretationOutcome.SkippedBecause(request.Interpret
                    ? $"No interpreter reads {mimeType}; the source is stored as it is."
                    : "Interpretation was not requested (--no-interpret).")
                : (await runner.RunAsync(session, source, interpreter, entityType, cancellationToken)).Outcome;
            await session.CommitAsync(cancellationToken);
            return Result(source, deduplicated: false, outcome);
        }
        catch
        {
            // The transaction rolls back with the session; the blob it would have pointed at goes too.
            await blobs.DeleteAsync(source.BlobKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A new run over an existing source. Earlier runs and their observations are never touched.</summary>
    public async Task<InterpretationOutcome> ReinterpretAsync(string userId, string sourceId, string? entityType, CancellationToken cancellationToken)
    {
        Source source;
        string? type;
        IInterpreter interpreter;
        await using (var read = await store.OpenAsync(userId, write: false, cancellationToken))
        {
            source = await read.Sources.GetAsync(sourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
            interpreter = runner.For(source.MimeType)
                ?? throw new StrataException(ErrorCodes.UnsupportedMediaType, $"No interpreter reads {source.MimeType}.");
            if (source.StorageStatus != StorageStatuses.Uploaded)
            {
                throw StrataException.Validation($"Source {sourceId} is {source.StorageStatus}: its bytes are not in the blob store yet.");
            }
            type = ValidTypeOrNull(entityType) ?? await LastRunTypeAsync(read, sourceId, cancellationToken);
        }

        try
        {
            await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
            var (_, outcome) = await runner.RunAsync(session, source, interpreter, type, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return outcome;
        }
        catch (StrataException failure) when (failure.Code is ErrorCodes.MalformedContent or ErrorCodes.ValidationFailed)
        {
            // The partial run rolled back; record that it was tried and why, so the failure is not lost.
            await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
            var now = clock.GetUtcNow();
            var failed = InterpretationRunner.NewRun(userId, source, interpreter, type, now) with
            {
                Status = RunStatuses.Failed,
                Error = $"{failure.Code}: {failure.Message}",
                CompletedAt = now,
            };
            await session.Runs.InsertAsync(failed, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return InterpretationRunner.Summary(failed, [], 0);
        }
    }

    private static async Task<string?> LastRunTypeAsync(IStoreSession session, string sourceId, CancellationToken cancellationToken)
    {
        var (runs, _) = await session.Runs.ListAsync(sourceId, new Paging(1), cancellationToken);
        return runs.Count > 0 ? RunConfig.EntityType(runs[0].ConfigJson) : null;
    }

    private static IngestResult Result(Source source, bool deduplicated, InterpretationOutcome outcome) =>
        new(source.Id, source.ContentHash, source.ByteSize, source.MimeType, source.OriginalFilename, deduplicated,
            source.StorageStatus, outcome);

    /// <summary>Only the last segment of a client's path is kept: a file name is a label, never a location.</summary>
    public static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length > 255) name = name[..255];
        return name.Length == 0 || name is "." or ".." ? null : name;
    }

    public static string? ValidTypeOrNull(string? entityType)
    {
        if (string.IsNullOrWhiteSpace(entityType)) return null;
        var type = entityType.Trim().ToLowerInvariant();
        return RecordShaper.TypeNamePattern().IsMatch(type)
            ? type
            : throw StrataException.Validation($"'{entityType}' is not a valid entity type: use lower-case letters, digits, '_' or '-', starting with a letter.");
    }
}
