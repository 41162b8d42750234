using System.Text;
using Strata.Core.Errors;
using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests.Compliance;

/// <summary>How <see cref="FileBlobStore"/> keeps its files (issue 32): small payloads that compress are kept gzipped,
/// everything else as it came, and files written before gzipped copies existed still read, list and delete.</summary>
public sealed class FileBlobStoreLayoutTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileBlobStore _store;
    private readonly string _blobs;

    public FileBlobStoreLayoutTests()
    {
        _blobs = _root.File("blobs");
        _store = new FileBlobStore(_blobs);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_small_payload_that_compresses_is_kept_gzipped_and_reads_back_as_it_was_put()
    {
        var key = NewKey(out var user);
        var payload = StructuredPayload(200);
        var local = Local(payload);

        await _store.PutFileAsync(key, local, CancellationToken.None);

        var path = PathOf(key);
        Assert.False(File.Exists(path));
        Assert.True(new FileInfo(path + FileBlobStore.CompressedSuffix).Length < payload.Length / 3);
        Assert.False(File.Exists(local));
        Assert.True(await _store.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(payload, await ReadAsync(key));
        Assert.Equal([key], await ListAsync($"sources/{user}/"));
    }

    [Fact]
    public async Task A_file_kept_plain_by_an_earlier_build_reads_lists_and_deletes_as_before()
    {
        var key = NewKey(out var user);
        var payload = StructuredPayload(50);
        var path = await KeptPlainByAnEarlierBuildAsync(key, payload);

        Assert.True(await _store.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(payload, await ReadAsync(key));
        Assert.Equal([key], await ListAsync($"sources/{user}/"));

        await _store.DeleteAsync(key, CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.False(await _store.ExistsAsync(key, CancellationToken.None));
        Assert.Empty(await ListAsync($"sources/{user}/"));
    }

    [Fact]
    public async Task The_same_bytes_put_again_over_a_plain_file_are_kept_once_gzipped()
    {
        var key = NewKey(out var user);
        var payload = StructuredPayload(50);
        var path = await KeptPlainByAnEarlierBuildAsync(key, payload);

        await _store.PutFileAsync(key, Local(payload), CancellationToken.None);

        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + FileBlobStore.CompressedSuffix));
        Assert.Equal(payload, await ReadAsync(key));
        Assert.Equal([key], await ListAsync($"sources/{user}/"));
    }

    [Fact]
    public async Task Incompressible_and_large_files_are_kept_as_they_came()
    {
        var random = NewKey(out _);
        var noise = new byte[10_000];
        new Random(7).NextBytes(noise);
        var large = NewKey(out _);
        var document = StructuredPayload(4_000);
        Assert.True(document.Length > FileBlobStore.CompressUpTo);

        await _store.PutFileAsync(random, Local(noise), CancellationToken.None);
        await _store.PutFileAsync(large, Local(document), CancellationToken.None);

        Assert.Equal(noise.Length, new FileInfo(PathOf(random)).Length);
        Assert.Equal(document.Length, new FileInfo(PathOf(large)).Length);
        Assert.False(File.Exists(PathOf(random) + FileBlobStore.CompressedSuffix));
        Assert.False(File.Exists(PathOf(large) + FileBlobStore.CompressedSuffix));
        Assert.Equal(noise, await ReadAsync(random));
        Assert.Equal(document, await ReadAsync(large));
    }

    [Fact]
    public async Task An_overwrite_in_the_other_form_leaves_one_file_with_the_new_bytes()
    {
        var key = NewKey(out var user);
        var payload = StructuredPayload(40);
        var noise = new byte[5_000];
        new Random(3).NextBytes(noise);

        await _store.PutFileAsync(key, Local(payload), CancellationToken.None);
        await _store.PutFileAsync(key, Local(noise), CancellationToken.None);

        Assert.Equal(noise, await ReadAsync(key));
        Assert.False(File.Exists(PathOf(key) + FileBlobStore.CompressedSuffix));

        await _store.PutFileAsync(key, Local(payload), CancellationToken.None);

        Assert.Equal(payload, await ReadAsync(key));
        Assert.False(File.Exists(PathOf(key)));
        Assert.Equal([key], await ListAsync($"sources/{user}/"));
    }

    [Fact]
    public async Task The_same_small_payload_put_by_many_writers_at_once_reads_back_whole()
    {
        var key = NewKey(out var user);
        var payload = StructuredPayload(120);
        var locals = Enumerable.Range(0, 8).Select(_ => Local(payload)).ToList();

        await Task.WhenAll(locals.Select(local => Task.Run(() => _store.PutFileAsync(key, local, CancellationToken.None))));

        Assert.Equal(payload, await ReadAsync(key));
        Assert.Equal([key], await ListAsync($"sources/{user}/"));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(PathOf(key))!));
    }

    [Fact]
    public async Task A_key_ending_like_a_gzipped_copy_is_refused()
    {
        var local = Local(StructuredPayload(1));

        var put = await Assert.ThrowsAsync<StrataException>(() => _store.PutFileAsync("sources/usr_x/abc" + FileBlobStore.CompressedSuffix, local, CancellationToken.None));

        Assert.Equal(ErrorCodes.ValidationFailed, put.Code);
        Assert.True(File.Exists(local));
    }

    [Fact]
    public async Task A_warm_up_runs_a_put_and_a_read_and_leaves_no_file_or_folder_behind()
    {
        var key = NewKey(out _);
        await _store.PutFileAsync(key, Local(StructuredPayload(10)), CancellationToken.None);
        var before = Directory.GetFileSystemEntries(_blobs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        await _store.WarmUpAsync(StructuredPayload(63), CancellationToken.None);

        // Its put made a folder of its own (as a new user's first write does) and removed it again.
        Assert.Equal(before, Directory.GetFileSystemEntries(_blobs, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The shape of a structured write's payload: a JSON list of contacts.</summary>
    private static byte[] StructuredPayload(int entities) => Encoding.UTF8.GetBytes("{\"entities\":[" + string.Join(',',
        Enumerable.Range(0, entities).Select(i => $$"""{"name":"Person {{i}}","email":"person.{{i}}@example.com","company":"Company {{i % 17}}","title":"Title {{i}}"}""")) + "]}");

    private string Local(byte[] content)
    {
        var path = _root.File(Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string NewKey(out string user)
    {
        user = "usr_" + Guid.NewGuid().ToString("N")[..24];
        return BlobKeys.For(user, Guid.NewGuid().ToString("N"));
    }

    /// <summary>The key's bytes as every build before gzipped copies kept them: a plain file at the key's path.</summary>
    private async Task<string> KeptPlainByAnEarlierBuildAsync(string key, byte[] payload)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, payload);
        return path;
    }

    private string PathOf(string key) => Path.Combine(_blobs, key.Replace('/', Path.DirectorySeparatorChar));

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await _store.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var blob in _store.ListAsync(prefix, CancellationToken.None)) keys.Add(blob.Key);
        return keys;
    }
}
