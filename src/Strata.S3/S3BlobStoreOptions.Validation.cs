namespace Strata.S3;

public sealed partial record S3BlobStoreOptions
{
    /// <exception cref="ArgumentException">The options cannot work against any S3 server.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("An S3 bucket name is required.", nameof(Bucket));
        }
        if (AccessKey is null != SecretKey is null)
        {
            throw new ArgumentException("Give both the S3 access key and the secret key, or neither.", nameof(AccessKey));
        }
        if (PartSize < MinimumPartSize)
        {
            throw new ArgumentException($"The part size must be at least {MinimumPartSize} bytes.", nameof(PartSize));
        }
        if (MultipartThreshold < MinimumPartSize)
        {
            throw new ArgumentException($"The multipart threshold must be at least {MinimumPartSize} bytes.", nameof(MultipartThreshold));
        }
        if (Prefix?.Trim('/') is { Length: > 0 } prefix)
        {
            S3ObjectKeys.Validate(prefix);
        }
    }
}
