using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests;

/// <summary>What only the S3 store has: prefixes, buckets, credentials, multipart uploads.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3BlobStoreTests(S3ServerFixture server) : IDisposable
{
    private readonly TempDirectory _local = new();

    [Fact]
    public async Task A_prefix_puts_every_object_under_it_in_the_bucket()
    {
        using var prefixed = new S3BlobStore(server.Options("prefixes", prefix: "tenant-a/"));
        using var whole = new S3BlobStore(server.Options("prefixes"));
        await prefixed.EnsureBucketAsync(CancellationToken.None);
        var key = NewKey();
        var (path, written) = await LocalFileAsync(300, seed: 1);

        await prefixed.PutFileAsync(key, path, CancellationToken.None);

        Assert.Equal(written, await ReadAsync(whole, "tenant-a/" + key));
        Assert.False(await whole.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(written, await ReadAsync(prefixed, key));
    }

    [Fact]
    public async Task Ensuring_the_bucket_creates_it_once_and_then_finds_it()
    {
        using var store = new S3BlobStore(server.Options("ensure-" + Guid.NewGuid().ToString("N")[..12]));

        var created = await store.EnsureBucketAsync(CancellationToken.None);
        var createdAgain = await store.EnsureBucketAsync(CancellationToken.None);

        Assert.True(created);
        Assert.False(createdAgain);
    }

    [Fact]
    public async Task A_missing_bucket_is_a_storage_failure_not_a_missing_blob()
    {
        using var store = new S3BlobStore(server.Options("never-created"));
        var key = NewKey();
        var (path, _) = await LocalFileAsync(300, seed: 2);

        await Assert.ThrowsAsync<S3StorageException>(() => store.PutFileAsync(key, path, CancellationToken.None));
        await Assert.ThrowsAsync<S3StorageException>(() => store.OpenReadAsync(key, CancellationToken.None));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Refused_credentials_are_a_storage_failure_whose_text_never_shows_the_secret()
    {
        // s3rver checks the access key but not SigV4 signatures, so an unknown key is what it can refuse.
        const string secret = "not-the-secret-4c1d2e";
        using var store = new S3BlobStore(server.Options("compliance") with { AccessKey = "UNKNOWN", SecretKey = secret });
        var (path, _) = await LocalFileAsync(300, seed: 3);

        var failure = await Assert.ThrowsAsync<S3StorageException>(() => store.PutFileAsync(NewKey(), path, CancellationToken.None));

        Assert.Contains("403", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_at_the_multipart_threshold_goes_up_in_parts_and_a_smaller_one_in_one_request()
    {
        var logger = new CapturingLogger<S3BlobStore>();
        using var store = new S3BlobStore(server.Options("compliance"), logger);
        await store.EnsureBucketAsync(CancellationToken.None);
        var (large, _) = await LocalFileAsync(2 * S3BlobStoreOptions.MinimumPartSize + 1, seed: 4);
        var (small, _) = await LocalFileAsync(S3BlobStoreOptions.MinimumPartSize - 1, seed: 5);

        await store.PutFileAsync(NewKey(), large, CancellationToken.None);
        await store.PutFileAsync(NewKey(), small, CancellationToken.None);

        Assert.Contains(logger.Lines, line => line.EndsWith($"({2 * S3BlobStoreOptions.MinimumPartSize + 1} bytes) in 3 part(s)", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, line => line.EndsWith($"({S3BlobStoreOptions.MinimumPartSize - 1} bytes) in 1 part(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stored_file_is_deleted_locally_once_S3_holds_it()
    {
        using var store = new S3BlobStore(server.Options("compliance"));
        await store.EnsureBucketAsync(CancellationToken.None);
        var (path, _) = await LocalFileAsync(300, seed: 6);

        await store.PutFileAsync(NewKey(), path, CancellationToken.None);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_cancelled_put_throws_OperationCanceledException_and_keeps_the_local_file()
    {
        using var store = new S3BlobStore(server.Options("compliance"));
        var (path, _) = await LocalFileAsync(300, seed: 7);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutFileAsync(NewKey(), path, new CancellationToken(canceled: true)));

        Assert.True(File.Exists(path));
    }

    public void Dispose() => _local.Dispose();

    private static string NewKey() => BlobKeys.For("usr_s3", Guid.NewGuid().ToString("N"));

    private async Task<(string Path, Fingerprint Written)> LocalFileAsync(long length, int seed)
    {
        var path = _local.File(Guid.NewGuid().ToString("N"));
        return (path, await TestFiles.WriteAsync(path, length, seed));
    }

    private static async Task<Fingerprint> ReadAsync(S3BlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None);
        return await TestFiles.ReadAsync(stream);
    }
}
