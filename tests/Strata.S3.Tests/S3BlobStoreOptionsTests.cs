using Strata.Core.Errors;

namespace Strata.S3.Tests;

public sealed class S3BlobStoreOptionsTests
{
    private static S3BlobStoreOptions? FromVariables(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        return S3BlobStoreOptions.FromVariables(name => values.GetValueOrDefault(name));
    }

    [Fact]
    public void Without_a_bucket_there_is_no_S3_configuration()
    {
        Assert.Null(FromVariables((S3BlobStoreOptions.EndpointVariable, "http://127.0.0.1:9000")));
    }

    [Fact]
    public void Every_setting_is_read_from_its_variable()
    {
        var options = FromVariables(
            ("STRATA_S3_ENDPOINT", "http://127.0.0.1:9000"),
            ("STRATA_S3_BUCKET", "strata"),
            ("STRATA_S3_REGION", "eu-west-3"),
            ("STRATA_S3_ACCESS_KEY", "minioadmin"),
            ("STRATA_S3_SECRET_KEY", "minio-secret"),
            ("STRATA_S3_PATH_STYLE", "false"),
            ("STRATA_S3_PREFIX", "prod"));

        Assert.Equal(new S3BlobStoreOptions
        {
            Bucket = "strata",
            ServiceUrl = new Uri("http://127.0.0.1:9000"),
            Region = "eu-west-3",
            AccessKey = "minioadmin",
            SecretKey = "minio-secret",
            ForcePathStyle = false,
            Prefix = "prod",
        }, options);
    }

    [Fact]
    public void A_custom_endpoint_defaults_to_path_style_and_AWS_itself_does_not()
    {
        var selfHosted = FromVariables(("STRATA_S3_BUCKET", "b"), ("STRATA_S3_ENDPOINT", "http://localhost:9000"));
        var aws = FromVariables(("STRATA_S3_BUCKET", "b"));

        Assert.True(selfHosted!.ForcePathStyle);
        Assert.False(aws!.ForcePathStyle);
        Assert.Null(aws.ServiceUrl);
        Assert.Equal("us-east-1", aws.Region);
    }

    [Theory]
    [InlineData("STRATA_S3_PATH_STYLE", "sometimes")]
    [InlineData("STRATA_S3_ENDPOINT", "127.0.0.1:9000")]
    [InlineData("STRATA_S3_ENDPOINT", "ftp://127.0.0.1")]
    public void An_unreadable_setting_is_refused_naming_the_variable(string name, string value)
    {
        var failure = Assert.Throws<FormatException>(() => FromVariables(("STRATA_S3_BUCKET", "b"), (name, value)));

        Assert.Contains(name, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_reads_the_process_environment()
    {
        var bucket = "env-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(S3BlobStoreOptions.BucketVariable, bucket);
        try
        {
            Assert.Equal(bucket, S3BlobStoreOptions.FromEnvironment()?.Bucket);
        }
        finally
        {
            Environment.SetEnvironmentVariable(S3BlobStoreOptions.BucketVariable, null);
        }
    }

    [Fact]
    public void Printing_the_options_never_shows_the_secret_key()
    {
        var options = new S3BlobStoreOptions { Bucket = "b", AccessKey = "AKIAEXAMPLE", SecretKey = "wJalrXUtnFEMI-secret" };

        var text = options.ToString();

        Assert.DoesNotContain("wJalrXUtnFEMI-secret", text, StringComparison.Ordinal);
        Assert.Contains("AKIAEXAMPLE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_the_store_is_made()
    {
        var valid = new S3BlobStoreOptions { Bucket = "b", AccessKey = "a", SecretKey = "s" };

        Assert.Throws<ArgumentException>(() => new S3BlobStore(valid with { Bucket = " " }));
        Assert.Throws<ArgumentException>(() => new S3BlobStore(valid with { SecretKey = null }));
        Assert.Throws<ArgumentException>(() => new S3BlobStore(valid with { PartSize = S3BlobStoreOptions.MinimumPartSize - 1 }));
        Assert.Throws<ArgumentException>(() => new S3BlobStore(valid with { MultipartThreshold = 1024 }));
        Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<StrataException>(() => new S3BlobStore(valid with { Prefix = "a/../b" })).Code);
    }
}
