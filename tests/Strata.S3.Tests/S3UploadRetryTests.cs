using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests;

/// <summary>
/// The core's upload-retry queue keeps a source pending while S3 is unreachable and uploads it again later; these
/// tests prove the store gives it what that needs: a storage failure it can recognise, the local file left in
/// place, and a clean success once the same server is back.
/// </summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3UploadRetryTests : IDisposable
{
    private const string Bucket = "retry";

    private readonly TempDirectory _serverData = new();
    private readonly TempDirectory _local = new();
    private S3ServerProcess? _server;

    [Theory]
    [InlineData(1_000)]
    [InlineData(12L * 1024 * 1024 + 1)]
    public async Task A_put_while_the_server_is_down_fails_and_the_same_put_succeeds_once_it_is_back(long size)
    {
        _server = await S3ServerProcess.StartAsync(port: 0, _serverData.Path);
        using var store = new S3BlobStore(S3ServerFixture.OptionsFor(_server, Bucket));
        await store.EnsureBucketAsync(CancellationToken.None);
        var before = NewKey();
        var (beforePath, beforeWritten) = await LocalFileAsync(500, seed: 1);
        await store.PutFileAsync(before, beforePath, CancellationToken.None);

        var port = _server.Port;
        _server.Kill();
        var key = NewKey();
        var (path, written) = await LocalFileAsync(size, seed: 2);
        await Assert.ThrowsAsync<S3StorageException>(() => store.PutFileAsync(key, path, CancellationToken.None));
        Assert.True(File.Exists(path), "the local file must survive a failed put, for the retry");

        _server.Dispose();
        _server = await S3ServerProcess.StartAsync(port, _serverData.Path);
        await store.PutFileAsync(key, path, CancellationToken.None);

        Assert.Equal(written, await ReadAsync(store, key));
        Assert.Equal(beforeWritten, await ReadAsync(store, before));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task While_the_server_is_down_reads_fail_as_storage_failures_not_as_missing_blobs()
    {
        _server = await S3ServerProcess.StartAsync(port: 0, _serverData.Path);
        using var store = new S3BlobStore(S3ServerFixture.OptionsFor(_server, Bucket));
        await store.EnsureBucketAsync(CancellationToken.None);
        var key = NewKey();
        var (path, _) = await LocalFileAsync(500, seed: 3);
        await store.PutFileAsync(key, path, CancellationToken.None);

        _server.Kill();

        await Assert.ThrowsAsync<S3StorageException>(() => store.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<S3StorageException>(() => store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<S3StorageException>(() => store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_download_cut_off_by_the_server_going_away_fails_as_a_storage_failure()
    {
        _server = await S3ServerProcess.StartAsync(port: 0, _serverData.Path);
        using var store = new S3BlobStore(S3ServerFixture.OptionsFor(_server, Bucket));
        await store.EnsureBucketAsync(CancellationToken.None);
        var key = NewKey();
        // Far more than loopback socket buffers hold, so most of it is still on the server when it dies.
        var (path, _) = await LocalFileAsync(64L * 1024 * 1024, seed: 4);
        await store.PutFileAsync(key, path, CancellationToken.None);

        await using var download = await store.OpenReadAsync(key, CancellationToken.None);
        await download.ReadExactlyAsync(new byte[64 * 1024]);
        _server.Kill();

        await Assert.ThrowsAsync<S3StorageException>(() => TestFiles.ReadAsync(download));
    }

    public void Dispose()
    {
        _server?.Dispose();
        _serverData.Dispose();
        _local.Dispose();
    }

    private static string NewKey() => BlobKeys.For("usr_retry", Guid.NewGuid().ToString("N"));

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
