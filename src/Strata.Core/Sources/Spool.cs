using System.Buffers;
using System.Security.Cryptography;
using Strata.Core.Errors;

namespace Strata.Core.Sources;

/// <summary>
/// Takes incoming bytes while hashing them, enforcing the size limit as they arrive (never after buffering). Small
/// content is held in memory and written to the spool folder only if the caller keeps it (a duplicate costs no file);
/// larger content streams to a temporary file in the spool folder, so memory does not grow with the input. Nothing is
/// recorded anywhere until the caller decides to keep it.
/// </summary>
public sealed class Spool(string directory)
{
    /// <summary>Content up to this size is held in memory; beyond it, everything goes to a file.</summary>
    public const int MemoryLimit = 256 * 1024;

    private const int BufferSize = 128 * 1024;
    private const int HeadSize = 512;

    public string Directory => directory;

    private bool _folderMade;

    public async Task<SpooledFile> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        // Once per process, not once per file (it is only ever created, never removed, while Strata runs).
        if (!_folderMade)
        {
            System.IO.Directory.CreateDirectory(directory);
            _folderMade = true;
        }
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.part");
        var head = new byte[HeadSize];
        var headLength = 0;
        long total = 0;
        MemoryStream? held = new();
        FileStream? file = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new StrataException(ErrorCodes.FileTooLarge,
                        $"The file is larger than the limit of {FormatBytes(maxBytes)}.");
                }
                if (headLength < HeadSize)
                {
                    var take = Math.Min(HeadSize - headLength, read);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                hash.AppendData(buffer, 0, read);
                if (held is not null && total > MemoryLimit)
                {
                    file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                    await WriteAsync(file, held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
                    held = null;
                }
                if (file is null)
                {
                    held!.Write(buffer, 0, read);
                }
                else
                {
                    await WriteAsync(file, buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (file is not null)
            {
                await file.FlushAsync(cancellationToken);
            }
            if (total == 0)
            {
                throw new StrataException(ErrorCodes.EmptyFile, "The file is empty: there is nothing to store.");
            }
            return new SpooledFile(path, held, Convert.ToHexStringLower(hash.GetHashAndReset()), total, head[..headLength]);
        }
        catch (Exception failure)
        {
            if (file is not null) await file.DisposeAsync();
            file = null;
            File.Delete(path);
            // A spool with no room left is a full disk, not a bad request (it was VALIDATION_FAILED).
            if (failure is not StrataException && StorageFull.Is(failure)) throw StorageFull.Error(failure);
            throw;
        }
        finally
        {
            if (file is not null) await file.DisposeAsync();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>.NET reports a write past the file-size limit (EFBIG) as an <see cref="ArgumentOutOfRangeException"/>
    /// ("file length was too large for the file system"): that is the disk's limit, not a bad argument.</summary>
    private static async Task WriteAsync(FileStream file, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken);
        }
        catch (ArgumentOutOfRangeException tooLarge)
        {
            throw StorageFull.Error(tooLarge);
        }
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };
}

/// <summary>Spooled bytes: their hash and size, their first bytes for type detection, and (on demand) a file holding them.</summary>
public sealed class SpooledFile : IDisposable
{
    private readonly string _path;
    private MemoryStream? _held;

    internal SpooledFile(string path, MemoryStream? held, string contentHash, long byteSize, byte[] head)
    {
        _path = path;
        _held = held;
        ContentHash = contentHash;
        ByteSize = byteSize;
        Head = head;
    }

    public string ContentHash { get; }

    public long ByteSize { get; }

    public byte[] Head { get; }

    /// <summary>The path of a file in the spool folder holding the bytes, written now if they were held in memory.
    /// A blob store may move the file away; <see cref="Dispose"/> removes it if it is still there.</summary>
    public Task<string> FileAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            // At most 256 KiB already in memory: one synchronous write costs less than an asynchronous file's hand-off to
            // the thread pool, which small files pay once each.
            cancellationToken.ThrowIfCancellationRequested();
            using (var file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(file, held.GetBuffer().AsSpan(0, (int)held.Length), 0);
            }
            _held = null;
        }
        return Task.FromResult(_path);
    }

    /// <summary>The bytes again from their start, as a seekable stream (a zip is read from its end first): from memory when
    /// they were held there, else from the spool file, which stays until <see cref="Dispose"/>.</summary>
    public Stream OpenRead() => _held is { } held
        ? new MemoryStream(held.GetBuffer(), 0, (int)held.Length, writable: false)
        : new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);

    public void Dispose()
    {
        _held = null;
        File.Delete(_path);
    }
}
