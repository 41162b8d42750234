using Amazon.S3;
using Amazon.S3.Model;

namespace Strata.S3;

public sealed partial class S3BlobStore
{
    /// <summary>Creates the bucket unless it exists and is reachable with these credentials. For setup and tests;
    /// in production the bucket is usually provisioned by whoever owns the account.</summary>
    /// <returns>True when this call created the bucket.</returns>
    /// <exception cref="S3StorageException">The bucket is unreachable, belongs to someone else, or cannot be created.</exception>
    public async Task<bool> EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await BucketIsReachableAsync(cancellationToken))
            {
                S3BlobStoreLog.BucketExists(_logger, _options.Bucket);
                return false;
            }
            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket }, cancellationToken);
            }
            catch (AmazonS3Exception failure) when (failure.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Perhaps created by another process between our HEAD and PUT; if we can reach it, it is ours to use.
                if (!await BucketIsReachableAsync(cancellationToken)) throw;
                S3BlobStoreLog.BucketExists(_logger, _options.Bucket);
                return false;
            }
            S3BlobStoreLog.BucketCreated(_logger, _options.Bucket);
            return true;
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("bucket setup", _options.Bucket, "", failure);
        }
    }

    private async Task<bool> BucketIsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _options.Bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception failure) when (failure.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
