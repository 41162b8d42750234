using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace Strata.S3;

public sealed partial class S3BlobStore
{
    /// <summary>Lists a page of objects at a time (ListObjectsV2), so memory does not grow with the bucket.</summary>
    public async IAsyncEnumerable<Strata.Core.Sources.StoredBlob> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var objectPrefix = _keys.Prefix + prefix;
        string? continuation = null;
        do
        {
            ListObjectsV2Response page;
            try
            {
                page = await _client.ListObjectsV2Async(new ListObjectsV2Request
                {
                    BucketName = _options.Bucket,
                    Prefix = objectPrefix,
                    ContinuationToken = continuation,
                }, cancellationToken);
            }
            catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
            {
                throw S3Failures.Wrap("LIST", _options.Bucket, objectPrefix, failure);
            }
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new Strata.Core.Sources.StoredBlob(item.Key[_keys.Prefix.Length..],
                    new DateTimeOffset(item.LastModified?.ToUniversalTime() ?? DateTime.UtcNow, TimeSpan.Zero));
            }
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }
}
