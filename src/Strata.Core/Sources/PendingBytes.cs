using Strata.Core.Errors;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core.Sources;

/// <summary>
/// Moves bytes the blob store refused into the database (in the ingest's transaction, under the caps of
/// <see cref="PendingUploadLimits"/>) and back out into a local file for the upload job, one chunk at a time so
/// memory does not grow with the file.
/// </summary>
public sealed class PendingBytes(string spoolDirectory, PendingUploadLimits limits)
{
    /// <summary>Large enough that a 100 MB file is 100 rows, small enough to hold in memory once.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Keeps the file's bytes for <paramref name="source"/> in this transaction, replacing any kept before.</summary>
    /// <exception cref="StrataException"><c>BLOB_STORE_UNAVAILABLE</c>: the bytes would pass a cap; nothing is written.</exception>
    public async Task KeepAsync(IStoreSession session, Source source, string path, CancellationToken cancellationToken)
    {
        await session.PendingBytes.DeleteAsync(source.Id, cancellationToken);
        var totals = await session.PendingBytes.ReadTotalsAsync(cancellationToken);
        if (totals.UserBytes + source.ByteSize > limits.MaxBytesPerUser)
        {
            throw Refusal($"your files waiting for it already take {ByteSizes.Describe(totals.UserBytes)} of the " +
                $"{ByteSizes.Describe(limits.MaxBytesPerUser.Value)} allowed per user");
        }
        if (totals.AllBytes + source.ByteSize > limits.MaxBytes)
        {
            throw Refusal($"the files waiting for it already take {ByteSizes.Describe(totals.AllBytes)} of the " +
                $"{ByteSizes.Describe(limits.MaxBytes.Value)} allowed");
        }

        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var buffer = new byte[ChunkSize];
        for (var index = 0; ; index++)
        {
            var length = await input.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (length == 0) break;
            await session.PendingBytes.WriteChunkAsync(source.Id, index, length == ChunkSize ? buffer : buffer[..length], cancellationToken);
            if (length < ChunkSize) break;
        }
    }

    /// <summary>Writes the kept bytes of <paramref name="source"/> to a new file in this process's spool folder and
    /// returns its path, or null when the database holds none for it. The caller deletes the file.</summary>
    public async Task<string?> RestoreAsync(IStoreReader session, Source source, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(spoolDirectory);
        var path = Path.Combine(spoolDirectory, $"{Guid.NewGuid():N}.upload");
        var found = false;
        try
        {
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                for (var index = 0; await session.PendingBytes.ReadChunkAsync(source.Id, index, cancellationToken) is { } chunk; index++)
                {
                    found = true;
                    await output.WriteAsync(chunk, cancellationToken);
                }
                await output.FlushAsync(cancellationToken);
            }
            if (found && new FileInfo(path).Length == source.ByteSize) return path;
            if (found)
            {
                throw new InvalidDataException($"The pending bytes of source {source.Id} hold {new FileInfo(path).Length} bytes, not {source.ByteSize}.");
            }
            File.Delete(path);
            return null;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    // The blob store's own error stays on the server (it names buckets and hosts); the caller learns what to do.
    private static StrataException Refusal(string why) => new(ErrorCodes.BlobStoreUnavailable,
        $"The blob store is unavailable and {why}, so this file cannot wait for it; nothing was stored. " +
        "Try again later, when the blob store is back or the waiting files have been uploaded.");
}
