namespace Strata.Core.Sources;

/// <summary>Where source bytes live: files under the data dir by default, an S3-compatible bucket at scale.</summary>
public interface IBlobStore
{
    /// <summary>Stores a local file (already hashed) under the key, atomically: readers see all of it or nothing.
    /// The store takes ownership of <paramref name="localPath"/> (it may move it instead of copying).</summary>
    Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <exception cref="FileNotFoundException">No blob under the key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every blob whose key starts with <paramref name="prefix"/> (e.g. <c>sources/</c>), with when it was
    /// last written, read page by page as the caller goes. For the orphan sweep; the order is unspecified.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Runs the code of a put and a read of <paramref name="sample"/> ahead of the first write (a process's warm-up)
    /// and leaves nothing stored. Nothing by default.</summary>
    Task WarmUpAsync(ReadOnlyMemory<byte> sample, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A blob's key and the time its bytes were last written (an overwrite renews it).</summary>
public sealed record StoredBlob(string Key, DateTimeOffset LastModified);
