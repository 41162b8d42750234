using Strata.Core.Errors;
using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests.Compliance;

/// <summary>What every <see cref="IBlobStore"/> must do, run against each implementation by a subclass.</summary>
public abstract class BlobStoreComplianceTests : IAsyncLifetime
{
    private const long MultiMegabyte = 12L * 1024 * 1024 + 12_345;

    private readonly TempDirectory _local = new();

    protected abstract IBlobStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        _local.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_stored_file_reads_back_byte_for_byte()
    {
        var key = NewKey();
        var (path, written) = await LocalFileAsync(1_000, seed: 1);

        await Store.PutFileAsync(key, path, CancellationToken.None);

        Assert.Equal(written, await ReadAsync(key));
    }

    [Fact]
    public async Task A_multi_megabyte_file_reads_back_byte_for_byte()
    {
        var key = NewKey();
        var (path, written) = await LocalFileAsync(MultiMegabyte, seed: 2);

        await Store.PutFileAsync(key, path, CancellationToken.None);

        Assert.Equal(written, await ReadAsync(key));
    }

    [Fact]
    public async Task An_empty_file_reads_back_empty()
    {
        var key = NewKey();
        var (path, _) = await LocalFileAsync(0, seed: 3);

        await Store.PutFileAsync(key, path, CancellationToken.None);

        Assert.True(await Store.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(0, (await ReadAsync(key)).Length);
    }

    [Fact]
    public async Task Exists_is_true_for_a_stored_key_and_false_for_a_key_never_stored()
    {
        var key = NewKey();
        var (path, _) = await LocalFileAsync(10, seed: 4);
        await Store.PutFileAsync(key, path, CancellationToken.None);

        Assert.True(await Store.ExistsAsync(key, CancellationToken.None));
        Assert.False(await Store.ExistsAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_blob_no_longer_exists_and_cannot_be_read()
    {
        var key = NewKey();
        var (path, _) = await LocalFileAsync(10, seed: 5);
        await Store.PutFileAsync(key, path, CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.False(await Store.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_key_that_holds_nothing_is_not_an_error()
    {
        var key = NewKey();

        var failure = await Record.ExceptionAsync(() => Store.DeleteAsync(key, CancellationToken.None));

        Assert.Null(failure);
        Assert.False(await Store.ExistsAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Reading_a_missing_key_throws_FileNotFoundException_naming_the_key()
    {
        var key = NewKey();

        var failure = await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(key, CancellationToken.None));

        Assert.Equal(key, failure.FileName);
    }

    [Fact]
    public async Task An_overwrite_replaces_the_blob_for_later_readers()
    {
        var key = NewKey();
        var (first, _) = await LocalFileAsync(MultiMegabyte, seed: 6);
        var (second, replacement) = await LocalFileAsync(2_000, seed: 7);

        await Store.PutFileAsync(key, first, CancellationToken.None);
        await Store.PutFileAsync(key, second, CancellationToken.None);

        Assert.Equal(replacement, await ReadAsync(key));
    }

    [Fact]
    public async Task A_reader_that_opened_before_an_overwrite_reads_the_old_bytes_in_full()
    {
        // Large enough that the old object cannot already sit in socket buffers when the overwrite lands.
        const long size = 32L * 1024 * 1024;
        var key = NewKey();
        var (first, original) = await LocalFileAsync(size, seed: 8);
        var (second, replacement) = await LocalFileAsync(size, seed: 9);
        await Store.PutFileAsync(key, first, CancellationToken.None);

        await using var early = await Store.OpenReadAsync(key, CancellationToken.None);
        var head = new byte[64 * 1024];
        await early.ReadExactlyAsync(head);
        await Store.PutFileAsync(key, second, CancellationToken.None);

        Assert.Equal(original, await TestFiles.ReadAsync(early, head));
        Assert.Equal(replacement, await ReadAsync(key));
    }

    [Fact]
    public async Task The_same_bytes_stored_twice_at_once_under_one_key_read_back_whole()
    {
        var key = NewKey();
        var (one, written) = await LocalFileAsync(MultiMegabyte, seed: 10);
        var (two, _) = await LocalFileAsync(MultiMegabyte, seed: 10);

        await Task.WhenAll(
            Task.Run(() => Store.PutFileAsync(key, one, CancellationToken.None)),
            Task.Run(() => Store.PutFileAsync(key, two, CancellationToken.None)));

        Assert.Equal(written, await ReadAsync(key));
    }

    public static TheoryData<string> OddNames => new()
    {
        "space in name",
        "space+plus",
        "space%20encoded",
        "unicode-ünïcødé-日本語-😀",
        "query?hash#amp&eq=semi;colon:at@comma,",
        "quotes'\"<angle>",
        @"back\slash",
        "tilde~star*parens()!$",
        "trailing-dot.",
        ".hidden",
        "..dots-then-name",
    };

    [Fact]
    public async Task Keys_with_odd_characters_are_distinct_blobs_that_read_back()
    {
        var folder = NewKey();
        var written = new Dictionary<string, Fingerprint>();
        var seed = 100;
        foreach (var name in OddNames)
        {
            var key = folder + "/" + name;
            var (path, fingerprint) = await LocalFileAsync(100 + seed, seed++);
            await Store.PutFileAsync(key, path, CancellationToken.None);
            written[key] = fingerprint;
        }

        foreach (var (key, fingerprint) in written)
        {
            Assert.True(await Store.ExistsAsync(key, CancellationToken.None), key);
            Assert.Equal(fingerprint, await ReadAsync(key));
        }
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("sources/../../outside")]
    [InlineData("sources/usr_x/../../../outside")]
    [InlineData("/etc/passwd")]
    public async Task Keys_that_climb_out_of_the_store_are_refused(string key)
    {
        var (path, _) = await LocalFileAsync(10, seed: 11);

        var put = await Assert.ThrowsAsync<StrataException>(() => Store.PutFileAsync(key, path, CancellationToken.None));
        var read = await Assert.ThrowsAsync<StrataException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<StrataException>(() => Store.DeleteAsync(key, CancellationToken.None));

        Assert.All(new[] { put, read, delete }, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Listing_a_prefix_gives_every_key_under_it_with_its_write_time_and_nothing_else()
    {
        var user = "usr_" + Guid.NewGuid().ToString("N")[..24];
        var keys = new[] { BlobKeys.For(user, "a" + Guid.NewGuid().ToString("N")), BlobKeys.For(user, "b" + Guid.NewGuid().ToString("N")) };
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var key in keys)
        {
            var (path, _) = await LocalFileAsync(100, seed: 12);
            await Store.PutFileAsync(key, path, CancellationToken.None);
        }
        var (elsewhere, _) = await LocalFileAsync(100, seed: 13);
        await Store.PutFileAsync(NewKey(), elsewhere, CancellationToken.None);

        var listed = new List<StoredBlob>();
        await foreach (var blob in Store.ListAsync($"sources/{user}/", CancellationToken.None)) listed.Add(blob);

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, b => Assert.InRange(b.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    private static string NewKey() => BlobKeys.For("usr_" + Guid.NewGuid().ToString("N")[..24], Guid.NewGuid().ToString("N"));

    private async Task<(string Path, Fingerprint Written)> LocalFileAsync(long length, int seed)
    {
        var path = _local.File(Guid.NewGuid().ToString("N"));
        return (path, await TestFiles.WriteAsync(path, length, seed));
    }

    private async Task<Fingerprint> ReadAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        return await TestFiles.ReadAsync(stream);
    }
}
