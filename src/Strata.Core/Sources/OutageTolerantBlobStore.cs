using Strata.Core.Errors;

namespace Strata.Core.Sources;

/// <summary>
/// The blob store as background work sees it: a read, existence check or delete that fails because the store is
/// unreachable (an S3 outage, a file system gone away) is tried again with back-off on the injected clock for up to
/// <c>Worker:BlobOutageRetryFor</c> from its first failure, inside the attempt that needed it — the job's lease is kept
/// beating meanwhile — so a minute-long outage costs a run time, not its attempts. Only when the outage outlasts that does
/// the failure reach the handler, as one failed attempt. A missing blob (<see cref="FileNotFoundException"/>) and a full
/// disk are answers, not outages: they pass at once. Writes (<see cref="PutFileAsync"/>) pass through: the upload queue
/// has its own retries, and the store may already own the file it was given. Model calls keep their own retry budget.
/// </summary>
public sealed class OutageTolerantBlobStore(IBlobStore inner, TimeSpan retryFor, TimeProvider clock) : IBlobStore
{
    /// <summary>The first wait; each next one doubles, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>The store background work uses, under the worker's setting.</summary>
    public static IBlobStore For(IBlobStore blobs, Jobs.WorkerOptions worker, TimeProvider clock) =>
        blobs is OutageTolerantBlobStore ? blobs : new OutageTolerantBlobStore(blobs, worker.BlobOutageRetryFor, clock);

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => inner.PutFileAsync(key, localPath, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        RetryingAsync(token => inner.ExistsAsync(key, token), cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        RetryingAsync(token => inner.OpenReadAsync(key, token), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        RetryingAsync(async token =>
        {
            await inner.DeleteAsync(key, token);
            return true;
        }, cancellationToken);

    public IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task WarmUpAsync(ReadOnlyMemory<byte> sample, CancellationToken cancellationToken) => inner.WarmUpAsync(sample, cancellationToken);

    /// <summary>Whether a failure says the store could not be reached, rather than answering about the blob.</summary>
    public static bool IsOutage(Exception failure, CancellationToken cancellationToken) =>
        failure is IOException and not FileNotFoundException and not DirectoryNotFoundException
        && !StorageFull.Is(failure) && !cancellationToken.IsCancellationRequested;

    private async Task<T> RetryingAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = null;
        var wait = FirstWait;
        while (true)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception failure) when (IsOutage(failure, cancellationToken))
            {
                var now = clock.GetUtcNow();
                since ??= now;
                if (now - since.Value >= retryFor) throw;
                await Task.Delay(Min(wait, since.Value + retryFor - now), clock, cancellationToken);
                wait = Min(wait * 2, LongestWait);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
