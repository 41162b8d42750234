using Strata.Core.Jobs;
using Strata.Core.Metrics;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Sources;

/// <summary>
/// Retries the upload of a source whose bytes the blob store refused at ingest. The ingest's own try was the first;
/// this job retries after each of <see cref="WorkerOptions.UploadRetryDelays"/> (30, 60, 120, 300 and 600 seconds by
/// default) and then marks the source failed with the last error. The bytes wait in the database
/// (<see cref="PendingBytes"/>), so any worker on it can upload them; they are deleted with the settling of the upload,
/// and kept after a final failure until the same bytes are ingested again. Sources left pending by a version that kept
/// them in the accepting process's spool folder are still uploaded from there, by a worker in that process.
/// </summary>
public sealed class UploadJobHandler(
    IStrataStore store,
    IBlobStore blobs,
    PendingBytes pending,
    UploadSpool legacySpool,
    StrataMetrics metrics,
    WorkerOptions options,
    TimeProvider clock) : IJobHandler
{
    public const string SourceIdKey = "source_id";

    public string Kind => JobKinds.Upload;

    /// <summary>The first delay is spent before the first retry (see <see cref="Request"/>); these are the waits after each failed retry.</summary>
    public RetryPolicy Retry { get; } = RetryPolicy.Schedule(options.UploadRetryDelays.Count > 1 ? options.UploadRetryDelays.Skip(1).ToList() : options.UploadRetryDelays);

    public static JobRequest Request(Source source, WorkerOptions options, DateTimeOffset now) =>
        new(JobKinds.Upload, JobPayload.Of(SourceIdKey, source.Id), source.UserId)
        {
            Subject = source.Id,
            MaxAttempts = options.UploadRetryDelays.Count,
            RunAt = now + options.UploadRetryDelays[0],
        };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Upload job {context.Job.Id} has no user.");
        var sourceId = JobPayload.Read(context.Job, SourceIdKey);
        Source? source;
        string? path;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            source = await read.Sources.GetAsync(sourceId, cancellationToken);
            if (source is null || source.StorageStatus != StorageStatuses.Pending) return JobResult.Completed;
            path = await pending.RestoreAsync(read, source, cancellationToken);
        }
        var legacy = path is null;
        path ??= legacySpool.PathFor(source);
        if (!File.Exists(path))
        {
            return await SettleAsync(context, source, StorageStatuses.Failed,
                $"The pending bytes of source {source.Id} are missing from the database (and from {path}).", cancellationToken);
        }
        try
        {
            try
            {
                await blobs.PutFileAsync(source.BlobKey, path, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                metrics.UploadAttempted(succeeded: false);
                var error = $"{failure.GetType().Name}: {failure.Message}";
                return context.Job.IsLastAttempt
                    ? await SettleAsync(context, source, StorageStatuses.Failed, $"Upload failed after {context.Job.Attempt + 1} tries; last error: {error}", cancellationToken)
                    : JobResult.RetryAt(error, clock.GetUtcNow() + Retry.DelayAfter(context.Job.Attempt));
            }
            metrics.UploadAttempted(succeeded: true);
            return await SettleAsync(context, source, StorageStatuses.Uploaded, null, cancellationToken);
        }
        finally
        {
            // A copy restored from the database is this attempt's alone; a legacy spool file goes once uploaded.
            if (!legacy) File.Delete(path);
        }
    }

    private async Task<JobResult> SettleAsync(JobContext context, Source source, string status, string? error, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(source.UserId, cancellationToken);
        await session.Sources.SettleUploadAsync(source.Id, status, error, cancellationToken);
        if (error is null)
        {
            await session.PendingBytes.DeleteAsync(source.Id, cancellationToken);
            var legacy = legacySpool.PathFor(source);
            if (File.Exists(legacy)) File.Delete(legacy); // File.Delete throws on a missing folder
        }
        return await RunLedger.CommitWithJobAsync(session, context.Lease, error is null ? JobResult.Completed : JobResult.Fail(error), cancellationToken);
    }
}
