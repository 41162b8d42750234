using Strata.Core.Sources;

namespace Strata.Acceptance.Tests.Support;

/// <summary>The real file blob store, refusing writes while <see cref="Failing"/> is set — an outage on purpose
/// (this stands in for a storage service, not for the database).</summary>
public sealed class FlakyBlobStore(IBlobStore inner) : IBlobStore
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public int RefusedWrites { get; private set; }

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        if (!Failing) return inner.PutFileAsync(key, localPath, cancellationToken);
        RefusedWrites++;
        throw new IOException("The blob store is unavailable (failing on purpose).");
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}
