using System.Globalization;

namespace Strata.S3;

public sealed partial record S3BlobStoreOptions
{
    public const string EndpointVariable = "STRATA_S3_ENDPOINT";
    public const string BucketVariable = "STRATA_S3_BUCKET";
    public const string RegionVariable = "STRATA_S3_REGION";
    public const string AccessKeyVariable = "STRATA_S3_ACCESS_KEY";
    public const string SecretKeyVariable = "STRATA_S3_SECRET_KEY";
    public const string PathStyleVariable = "STRATA_S3_PATH_STYLE";
    public const string PrefixVariable = "STRATA_S3_PREFIX";

    /// <summary>The <c>STRATA_S3_*</c> settings, or null when <c>STRATA_S3_BUCKET</c> is unset (blobs stay on disk).</summary>
    /// <exception cref="FormatException">A setting is present but unreadable.</exception>
    public static S3BlobStoreOptions? FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    internal static S3BlobStoreOptions? FromVariables(Func<string, string?> read)
    {
        string? Setting(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        if (Setting(BucketVariable) is not { } bucket) return null;
        var endpoint = Setting(EndpointVariable) is { } url ? ParseEndpoint(url) : null;
        return new S3BlobStoreOptions
        {
            Bucket = bucket,
            ServiceUrl = endpoint,
            Region = Setting(RegionVariable) ?? "us-east-1",
            AccessKey = Setting(AccessKeyVariable),
            SecretKey = Setting(SecretKeyVariable),
            // A custom endpoint is almost always a self-hosted server addressed by IP or plain host name, where
            // virtual-hosted bucket names cannot resolve; AWS itself wants virtual-hosted style.
            ForcePathStyle = Setting(PathStyleVariable) is { } flag ? ParseFlag(flag) : endpoint is not null,
            Prefix = Setting(PrefixVariable),
        };
    }

    private static Uri ParseEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{EndpointVariable} must be an http:// or https:// URL, not '{value}'.");

    private static bool ParseFlag(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture,
            $"{PathStyleVariable} must be true or false, not '{value}'.")),
    };
}
