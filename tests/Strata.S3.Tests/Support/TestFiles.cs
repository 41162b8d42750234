using System.Security.Cryptography;

namespace Strata.S3.Tests.Support;

/// <summary>Test content that never repeats (so a swapped or misplaced part changes the hash), written and
/// verified while streaming so multi-megabyte files cost no memory.</summary>
internal static class TestFiles
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<Fingerprint> WriteAsync(string path, long length, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[ChunkSize];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = File.Create(path);
        for (long written = 0; written < length; written += ChunkSize)
        {
            var count = (int)Math.Min(ChunkSize, length - written);
            random.NextBytes(buffer.AsSpan(0, count));
            hash.AppendData(buffer, 0, count);
            await output.WriteAsync(buffer.AsMemory(0, count));
        }
        return new Fingerprint(length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static async Task<Fingerprint> ReadAsync(Stream input, byte[]? alreadyRead = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        if (alreadyRead is not null)
        {
            hash.AppendData(alreadyRead);
            length = alreadyRead.Length;
        }
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await input.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }
        return new Fingerprint(length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

internal sealed record Fingerprint(long Length, string Sha256);
