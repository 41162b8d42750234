using System.IO.Compression;
using Strata.Core.Errors;

namespace Strata.Core.Sources;

/// <summary>Blobs as files under a root folder (the embedded default). Keys never escape the root.</summary>
/// <remarks>A small blob that gzip makes at least an eighth smaller (the JSON payload of a structured write, a chat
/// export) is kept gzipped, under its key's path with <see cref="CompressedSuffix"/> (issue 32: these files were 236
/// bytes per entity of the peer workload, 3.8 times their gzipped size); a reader gets the bytes as they were put,
/// checked by gzip's CRC. A larger or incompressible blob (a PDF, an image) is kept as it came, as every blob was before:
/// a file written without the suffix reads, lists and deletes as it always did, so stores need no conversion.</remarks>
public sealed class FileBlobStore(string root) : IBlobStore
{
    /// <summary>Beside the key's path: a blob kept gzipped. Keys never end with it (<see cref="PathFor"/>).</summary>
    public const string CompressedSuffix = ".gz";

    /// <summary>Blobs up to this size are offered to gzip; larger ones are kept as they came (they are documents, read
    /// in ranges and streamed, and mostly compressed formats already).</summary>
    public const long CompressUpTo = 256 * 1024;

    private readonly string _root = Path.GetFullPath(root);

    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var target = PathFor(key);
        if (TryPutCompressed(target, localPath, cancellationToken))
        {
            return;
        }
        try
        {
            // Same file system (the spool lives in the data dir): a rename is atomic and copies nothing. The user's folder
            // exists after their first source, so it is made only when the rename says it is missing (one system call
            // per file fewer: small files are dominated by such calls).
            MoveCreatingFolder(localPath, target);
        }
        catch (IOException) when (File.Exists(localPath))
        {
            // Another file system: copy to a temp name beside the target, flush, then rename into place.
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                await using (var input = File.OpenRead(localPath))
                await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await input.CopyToAsync(output, cancellationToken);
                    output.Flush(flushToDisk: true);
                }
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        // A gzipped copy put earlier under the key (other bytes: an overwrite) would be read first.
        File.Delete(target + CompressedSuffix);
    }

    /// <summary>Keeps a small file gzipped when that makes it at least an eighth smaller: written beside the target under
    /// a temporary name and renamed into place (readers see all of it or nothing), then a plain copy the key held before
    /// is removed and the local file with it. False (nothing changed) when the file is larger or does not compress.</summary>
    /// <remarks>Synchronous, as the spool writes such files: at most 256 KiB, already in the page cache; an asynchronous
    /// file's hand-off to the thread pool would cost more than the reads and writes themselves.</remarks>
    private static bool TryPutCompressed(string target, string localPath, CancellationToken cancellationToken)
    {
        var length = new FileInfo(localPath).Length;
        if (length is 0 or > CompressUpTo)
        {
            return false;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var content = File.ReadAllBytes(localPath);
        using var packed = Gzip(content);
        if (packed.Length > content.Length - content.Length / 8)
        {
            return false;
        }
        var compressed = target + CompressedSuffix;
        var temp = compressed + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            try
            {
                Write(temp, packed);
            }
            catch (DirectoryNotFoundException)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Write(temp, packed);
            }
            File.Move(temp, compressed, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        File.Delete(target);
        File.Delete(localPath);
        return true;
    }

    /// <summary>The gzipped form of <paramref name="content"/>, as this store keeps a small blob.</summary>
    public static MemoryStream Gzip(ReadOnlySpan<byte> content)
    {
        var packed = new MemoryStream(content.Length / 2 + 64);
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return packed;
    }

    private static void Write(string path, MemoryStream content)
    {
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        RandomAccess.Write(file, content.GetBuffer().AsSpan(0, (int)content.Length), 0);
    }

    /// <summary>Puts <paramref name="sample"/> under a key of its own, reads it back and deletes it: a long-lived process's
    /// first write then finds the gzip path (and zlib itself) loaded and compiled. Leaves nothing behind.</summary>
    /// <remarks>The key's folder does not exist yet, as a new user's does not at their first write: the put takes the way
    /// that makes it (a missing folder is learnt from the failed create, the process's first exception, which cost the
    /// first write of <c>strata mcp</c> about a millisecond when the warm-up put its blob at the root instead).</remarks>
    public async Task WarmUpAsync(ReadOnlyMemory<byte> sample, CancellationToken cancellationToken)
    {
        var folder = "warm-up-" + Guid.NewGuid().ToString("N");
        var key = folder + "/sample";
        var local = PathFor(folder) + ".local";
        Directory.CreateDirectory(_root);
        await File.WriteAllBytesAsync(local, sample, cancellationToken);
        try
        {
            await PutFileAsync(key, local, cancellationToken);
            await using var read = await OpenReadAsync(key, cancellationToken);
            await read.CopyToAsync(Stream.Null, cancellationToken);
        }
        finally
        {
            File.Delete(local);
            await DeleteAsync(key, cancellationToken);
            if (Directory.Exists(PathFor(folder))) Directory.Delete(PathFor(folder));
        }
    }

    private static void MoveCreatingFolder(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (DirectoryNotFoundException) when (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: true);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        return Task.FromResult(File.Exists(path + CompressedSuffix) || File.Exists(path));
    }

    /// <summary>The gzipped copy when there is one, else the plain file; a copy removed between the look and the open
    /// (an overwrite in another form) sends the reader to the other.</summary>
    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        try
        {
            return Task.FromResult<Stream>(new GZipStream(Open(path + CompressedSuffix, 4096), CompressionMode.Decompress));
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
        }
        try
        {
            return Task.FromResult<Stream>(Open(path, 81920));
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No blob under {key}.", key);
        }
    }

    private static FileStream Open(string path, int buffer) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, buffer, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var path = PathFor(key);
            File.Delete(path + CompressedSuffix);
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // File.Delete ignores a missing file but not a missing folder; deleting nothing is never an error.
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A prefix is a folder here, as every prefix Strata lists by is (sources/).
        var folder = Path.GetFullPath(Path.Combine(_root, prefix));
        if (!(folder + Path.DirectorySeparatorChar).StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw StrataException.Validation($"Blob prefix '{prefix}' points outside the blob store.");
        }
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.EndsWith(CompressedSuffix, StringComparison.Ordinal))
            {
                key = key[..^CompressedSuffix.Length];
            }
            else if (File.Exists(file + CompressedSuffix))
            {
                continue; // the plain copy an overwrite is about to remove: the key is listed once, by its gzipped copy
            }
            var info = new FileInfo(file);
            if (!info.Exists) continue; // moved or deleted since the folder was read
            yield return new StoredBlob(key, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
        await Task.CompletedTask;
    }

    private string PathFor(string key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw StrataException.Validation($"Blob key '{key}' points outside the blob store.");
        }
        if (full.EndsWith(CompressedSuffix, StringComparison.Ordinal))
        {
            throw StrataException.Validation($"Blob key '{key}' ends with '{CompressedSuffix}', which this store keeps for gzipped copies.");
        }
        return full;
    }
}
