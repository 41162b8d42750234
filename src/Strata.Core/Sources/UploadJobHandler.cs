using Strata.Core.Jobs;
using Strata.Core.Metrics;
using Strata.Core.Storage;

namespace Strata.Core.Sources;

/// <summary>
/// Retries the upload of a source whose bytes the blob store refused at ingest. The ingest's own try was the first;
/// this job retries after each of <see cref="WorkerOptions.UploadRetryDelays"/> (30, 60, 120, 300 and 600 seconds by
/// default) and then marks the source failed with the last error.
/// </summary>
public sealed class UploadJobHandler(
    IStrataStore store,
    IBlobStore blobs,
    UploadSpool spool,
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
        await using (var read = await store.OpenAsync(userId, write: false, cancellationToken))
        {
            source = await read.Sources.GetAsync(sourceId, cancellationToken);
        }
        if (source is null || source.StorageStatus != StorageStatuses.Pending) return JobResult.Completed;

        var path = spool.PathFor(source);
        if (!File.Exists(path))
        {
            return await SettleAsync(context, source, StorageStatuses.Failed, $"The spooled bytes are missing from {path}.", cancellationToken);
        }
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
        var result = await SettleAsync(context, source, StorageStatuses.Uploaded, null, cancellationToken);
        // A store that copied rather than moved leaves the spool file behind.
        File.Delete(path);
        return result;
    }

    private async Task<JobResult> SettleAsync(JobContext context, Source source, string status, string? error, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(source.UserId, write: true, cancellationToken);
        await session.Sources.SettleUploadAsync(source.Id, status, error, cancellationToken);
        if (error is null) await session.Jobs.CompleteAsync(context.Lease, cancellationToken);
        else await session.Jobs.FailAsync(context.Lease, error, retryAt: null, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return JobResult.Settled;
    }
}
