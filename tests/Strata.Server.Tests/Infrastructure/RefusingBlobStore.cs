using Strata.Core.Sources;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>A blob store whose disk has become read-only: reads work, every write is refused.</summary>
public sealed class RefusingBlobStore(IBlobStore inner) : IBlobStore
{
    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) =>
        throw new IOException("Read-only file system");

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}
