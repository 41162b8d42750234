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
}
