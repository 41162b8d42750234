using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Strata.S3;

internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3BlobStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Since 2025 the SDKs attach CRC checksums to every upload by default, which several S3-compatible
            // servers reject or mishandle. Send them only where S3 requires them; the SigV4 payload signature still
            // covers the content, and whole-object downloads are still checked against the ETag.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { } accessKey && options.SecretKey is { } secretKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config)
            : new AmazonS3Client(config);
    }
}
