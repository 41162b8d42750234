using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Strata.S3;

/// <summary>Sorts what the AWS SDK throws into "no such object", "storage failure" and "the caller cancelled".</summary>
internal static class S3Failures
{
    public static bool IsMissingObject(AmazonS3Exception failure) =>
        failure.ErrorCode == "NoSuchKey"
        // A HEAD response has no body, so there is no error code to tell a missing key from a missing bucket.
        // (the SDK then reports the bare status, "NotFound").
        || (failure.StatusCode == HttpStatusCode.NotFound && failure.ErrorCode is null or "" or "NotFound");

    public static bool IsStorageFailure(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        // Cancelled by the caller: let it through as it is. Otherwise it was an HTTP timeout inside the SDK.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException => true,
        _ => false,
    };

    public static S3StorageException Wrap(string operation, string bucket, string objectKey, Exception failure)
    {
        var status = failure is AmazonServiceException { StatusCode: var code, ErrorCode: var error }
            ? $" (HTTP {(int)code}{(string.IsNullOrEmpty(error) ? "" : " " + error)})"
            : "";
        return new S3StorageException($"S3 {operation} of '{objectKey}' in bucket '{bucket}' failed{status}: {failure.Message}", failure);
    }
}
