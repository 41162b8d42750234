using System.Buffers;
using System.Security.Cryptography;
using Strata.Core.Errors;

namespace Strata.Core.Sources;

/// <summary>
/// Streams incoming bytes to a temporary file in the spool folder while hashing them, enforcing the size limit as
/// the bytes arrive (never after buffering). Nothing is recorded anywhere until the caller decides to keep it.
/// </summary>
public sealed class Spool(string directory)
{
    private const int BufferSize = 128 * 1024;
    private const int HeadSize = 512;

    public string Directory => directory;

    public async Task<SpooledFile> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.part");
        var head = new byte[HeadSize];
        var headLength = 0;
        long total = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
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
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
            }
            if (total == 0)
            {
                throw new StrataException(ErrorCodes.EmptyFile, "The file is empty: there is nothing to store.");
            }
            return new SpooledFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), total, head[..headLength]);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

/// <summary>Bytes waiting in the spool: where, their hash and size, and their first bytes for type detection.</summary>
public sealed record SpooledFile(string Path, string ContentHash, long ByteSize, byte[] Head) : IDisposable
{
    /// <summary>Removes the spool file if it is still there (a blob store may have moved it).</summary>
    public void Dispose() => File.Delete(Path);
}
