using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Core.Archive;

/// <summary>
/// Reads a whole archive once before anything is written: the manifest, then every entry hashed against it. A truncated
/// or altered archive, an entry missing or unlisted, or a blob whose bytes are not the SHA-256 its name says, is refused
/// with ARCHIVE_INVALID and the entry named. Memory: one copy buffer.
/// </summary>
internal static class ArchiveVerifier
{
    public static async Task<ArchiveManifest> VerifyAsync(ZipArchive zip, IReadOnlyList<string> knownTables, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(zip, cancellationToken);
        if (manifest.FormatVersion != ArchiveFormat.Version)
        {
            throw Invalid($"it is archive format {manifest.FormatVersion}; this Strata reads format {ArchiveFormat.Version}");
        }
        var listed = new HashSet<string>(StringComparer.Ordinal) { ArchiveFormat.ManifestEntry };
        foreach (var table in manifest.Tables)
        {
            if (!knownTables.Contains(table.Table)) throw Invalid($"it holds a table this Strata does not know ({table.Table})");
            if (table.Entry != ArchiveFormat.TableEntry(table.Table)) throw Invalid($"table {table.Table} is listed under the entry {table.Entry}");
            var entry = zip.GetEntry(table.Entry) ?? throw Invalid($"the entry {table.Entry} is missing");
            var (bytes, sha256, lines) = await DigestAsync(entry, cancellationToken);
            if (bytes != table.Bytes || sha256 != table.Sha256 || lines != table.Rows)
            {
                throw Invalid($"{table.Entry} is not what the manifest says ({bytes} bytes, {lines} rows, sha256 {sha256}; expected {table.Bytes} bytes, {table.Rows} rows, sha256 {table.Sha256})");
            }
            listed.Add(table.Entry);
        }
        long blobs = 0, blobBytes = 0;
        foreach (var entry in zip.Entries)
        {
            if (listed.Contains(entry.FullName)) continue;
            var name = entry.FullName.StartsWith(ArchiveFormat.BlobPrefix, StringComparison.Ordinal) ? entry.FullName[ArchiveFormat.BlobPrefix.Length..] : null;
            if (name is null || !IsSha256(name)) throw Invalid($"it holds an entry the manifest does not account for ({entry.FullName})");
            var (bytes, sha256, _) = await DigestAsync(entry, cancellationToken);
            if (sha256 != name) throw Invalid($"the bytes of {entry.FullName} have the sha256 {sha256}, not their name");
            blobs++;
            blobBytes += bytes;
        }
        if (blobs != manifest.Blobs || blobBytes != manifest.BlobBytes)
        {
            throw Invalid($"it holds {blobs} sources' bytes ({blobBytes} bytes); the manifest says {manifest.Blobs} ({manifest.BlobBytes} bytes)");
        }
        return manifest;
    }

    private static async Task<ArchiveManifest> ReadManifestAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(ArchiveFormat.ManifestEntry) ?? throw Invalid($"it has no {ArchiveFormat.ManifestEntry}");
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, ArchiveJsonContext.Default.ArchiveManifest, cancellationToken)
                ?? throw Invalid($"its {ArchiveFormat.ManifestEntry} is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw Invalid($"its {ArchiveFormat.ManifestEntry} cannot be read ({e.Message})");
        }
    }

    private static async Task<(long Bytes, string Sha256, long Lines)> DigestAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long bytes = 0, lines = 0;
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        catch (InvalidDataException e)
        {
            throw Invalid($"{entry.FullName} cannot be read ({e.Message})");
        }
        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()), lines);
    }

    /// <summary>A blob's name becomes part of a blob key: only 64 lower-case hex digits may.</summary>
    private static bool IsSha256(string name) => name.Length == 64 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static StrataException Invalid(string why) =>
        new(ErrorCodes.ArchiveInvalid, $"This archive is not whole or not for this Strata: {why}. Nothing was written.");
}
