using Microsoft.Extensions.Logging;

namespace Strata.S3;

// Keys and bucket names only: options, credentials and request headers are never logged.
internal static partial class S3BlobStoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created S3 bucket {Bucket}")]
    public static partial void BucketCreated(ILogger logger, string bucket);

    [LoggerMessage(Level = LogLevel.Debug, Message = "S3 bucket {Bucket} already exists")]
    public static partial void BucketExists(ILogger logger, string bucket);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Uploaded {ObjectKey} ({Bytes} bytes) in {Parts} part(s)")]
    public static partial void Uploaded(ILogger logger, string objectKey, long bytes, int parts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort the multipart upload {UploadId} of {ObjectKey}; the bucket's lifecycle rules must clean it up")]
    public static partial void AbortFailed(ILogger logger, Exception exception, string objectKey, string uploadId);
}
