namespace Strata.S3.Tests.Support;

/// <summary>One s3rver for the S3 test classes, started on a free port before them and killed after them.</summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private S3ServerProcess? _server;

    internal S3ServerProcess Server => _server ?? throw new InvalidOperationException("The S3 server has not started.");

    public async Task InitializeAsync()
    {
        _server = await S3ServerProcess.StartAsync(port: 0, _data.Path);
    }

    /// <summary>Options for this server, with parts as small as S3 allows so a few megabytes already go multipart.</summary>
    public S3BlobStoreOptions Options(string bucket, string? prefix = null) => OptionsFor(Server, bucket, prefix);

    internal static S3BlobStoreOptions OptionsFor(S3ServerProcess server, string bucket, string? prefix = null) => new()
    {
        Bucket = bucket,
        ServiceUrl = server.Endpoint,
        Region = "us-east-1",
        AccessKey = S3ServerProcess.AccessKey,
        SecretKey = S3ServerProcess.SecretKey,
        ForcePathStyle = true,
        Prefix = prefix,
        MultipartThreshold = S3BlobStoreOptions.MinimumPartSize,
        PartSize = S3BlobStoreOptions.MinimumPartSize,
    };

    public Task DisposeAsync()
    {
        _server?.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "s3rver";
}
