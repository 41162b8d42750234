using Amazon.S3.Model;

namespace Strata.S3;

public sealed partial class S3BlobStore
{
    /// <summary>
    /// Streams the file to S3, as one PUT or, from <see cref="S3BlobStoreOptions.MultipartThreshold"/> on, as a
    /// multipart upload read part by part from the file, so memory does not grow with its size. Either way the object
    /// appears whole or not at all. The local file is deleted once S3 holds it; after a failure it is left in place,
    /// so the same call can be retried.
    /// </summary>
    /// <exception cref="S3StorageException">S3 did not take the file; nothing under the key changed.</exception>
    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var objectKey = _keys.For(key);
        var length = new FileInfo(localPath).Length;
        int parts;
        try
        {
            parts = length < _options.MultipartThreshold
                ? await PutSingleAsync(objectKey, localPath, cancellationToken)
                : await PutMultipartAsync(objectKey, localPath, length, cancellationToken);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("PUT", _options.Bucket, objectKey, failure);
        }
        S3BlobStoreLog.Uploaded(_logger, objectKey, length, parts);
        File.Delete(localPath);
    }

    private async Task<int> PutSingleAsync(string objectKey, string localPath, CancellationToken cancellationToken)
    {
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = objectKey,
            FilePath = localPath,
            ContentType = "application/octet-stream",
            // aws-chunked framing is not understood by every S3-compatible server; a signed plain body is.
            UseChunkEncoding = false,
        }, cancellationToken);
        return 1;
    }

    private async Task<int> PutMultipartAsync(string objectKey, string localPath, long length, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = objectKey,
            ContentType = "application/octet-stream",
        }, cancellationToken);
        try
        {
            var etags = new List<PartETag>();
            for (long position = 0; position < length; position += _options.PartSize)
            {
                var partNumber = etags.Count + 1;
                var size = Math.Min(_options.PartSize, length - position);
                var part = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _options.Bucket,
                    Key = objectKey,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    FilePath = localPath,
                    FilePosition = position,
                    PartSize = size,
                    IsLastPart = position + size >= length,
                    UseChunkEncoding = false,
                }, cancellationToken);
                etags.Add(new PartETag(partNumber, part.ETag));
            }
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = objectKey,
                UploadId = upload.UploadId,
                PartETags = etags,
            }, cancellationToken);
            return etags.Count;
        }
        catch
        {
            await AbortQuietlyAsync(objectKey, upload.UploadId);
            throw;
        }
    }

    // Until it is completed a multipart upload is invisible to readers, but its parts are stored (and billed).
    private async Task AbortQuietlyAsync(string objectKey, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = objectKey,
                UploadId = uploadId,
            }, CancellationToken.None);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, CancellationToken.None))
        {
            S3BlobStoreLog.AbortFailed(_logger, failure, objectKey, uploadId);
        }
    }
}
