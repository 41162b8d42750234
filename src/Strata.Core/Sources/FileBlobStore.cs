using Strata.Core.Errors;

namespace Strata.Core.Sources;

/// <summary>Blobs as files under a root folder (the embedded default). Keys never escape the root.</summary>
public sealed class FileBlobStore(string root) : IBlobStore
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var target = PathFor(key);
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

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathFor(key)));

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No blob under {key}.", key);
        }
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathFor(key));
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
        return full;
    }
}
