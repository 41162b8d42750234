using System.Text;

namespace Strata.S3;

/// <summary>Where and how <see cref="S3BlobStore"/> reaches its bucket.</summary>
public sealed partial record S3BlobStoreOptions
{
    /// <summary>S3 refuses parts smaller than this, except the last one of an upload.</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    public required string Bucket { get; init; }

    /// <summary>The endpoint of an S3-compatible server (MinIO, Ceph, s3rver...); null for AWS S3 itself.</summary>
    public Uri? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>With no keys the AWS SDK's default credential chain is used (environment, profile, instance role).</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary><c>http://host/bucket/key</c> instead of <c>http://bucket.host/key</c>; most self-hosted servers need it.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Put in front of every blob key, so several deployments can share a bucket.</summary>
    public string? Prefix { get; init; }

    /// <summary>Files of at least this size go up as a multipart upload, one part at a time.</summary>
    public long MultipartThreshold { get; init; } = 16L * 1024 * 1024;

    public long PartSize { get; init; } = 8L * 1024 * 1024;

    // A record prints every property by default; the secret key must never reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Bucket = {Bucket}, ServiceUrl = {ServiceUrl}, Region = {Region}, AccessKey = {AccessKey}, ");
        builder.Append($"SecretKey = {(SecretKey is null ? "" : "***")}, ForcePathStyle = {ForcePathStyle}, Prefix = {Prefix}, ");
        builder.Append($"MultipartThreshold = {MultipartThreshold}, PartSize = {PartSize}");
        return true;
    }
}
