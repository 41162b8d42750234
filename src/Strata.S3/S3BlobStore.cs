using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Sources;

namespace Strata.S3;

/// <summary>
/// Blobs as objects in an S3-compatible bucket, under the same keys as the file store. Failures of S3 surface as
/// <see cref="S3StorageException"/> (an <see cref="IOException"/>); a missing object as
/// <see cref="FileNotFoundException"/>, exactly as from <see cref="FileBlobStore"/>.
/// </summary>
public sealed partial class S3BlobStore : IBlobStore, IDisposable
{
    private readonly S3BlobStoreOptions _options;
    private readonly AmazonS3Client _client;
    private readonly S3ObjectKeys _keys;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">The options are incomplete or inconsistent.</exception>
    public S3BlobStore(S3BlobStoreOptions options, ILogger<S3BlobStore>? logger = null)
    {
        options.Validate();
        _options = options;
        _client = S3ClientFactory.Create(options);
        _keys = new S3ObjectKeys(options.Prefix);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string Bucket => _options.Bucket;

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = _keys.For(key);
        try
        {
            await _client.GetObjectMetadataAsync(_options.Bucket, objectKey, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception failure) when (S3Failures.IsMissingObject(failure))
        {
            return false;
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("HEAD", _options.Bucket, objectKey, failure);
        }
    }

    /// <summary>The object streams from S3 as the caller reads; nothing is buffered here. A download that breaks or
    /// fails its integrity check throws <see cref="S3StorageException"/> from the stream's reads.</summary>
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = _keys.For(key);
        try
        {
            var response = await _client.GetObjectAsync(_options.Bucket, objectKey, cancellationToken);
            return new S3ReadStream(response, _options.Bucket, objectKey);
        }
        catch (AmazonS3Exception failure) when (S3Failures.IsMissingObject(failure))
        {
            throw new FileNotFoundException($"No blob under {key}.", key, failure);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("GET", _options.Bucket, objectKey, failure);
        }
    }

    /// <summary>Deleting a key that holds nothing is not an error, as on S3 itself and in the file store.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = _keys.For(key);
        try
        {
            await _client.DeleteObjectAsync(_options.Bucket, objectKey, cancellationToken);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("DELETE", _options.Bucket, objectKey, failure);
        }
    }

    public void Dispose() => _client.Dispose();
}
