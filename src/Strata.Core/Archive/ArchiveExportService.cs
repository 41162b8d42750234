using System.IO.Compression;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Archive;

/// <summary>
/// <c>export archive</c>: everything the user has, as one ZIP written straight to <paramref name="output"/> (a file or
/// an HTTP response; it need not seek). Reads only, in one snapshot session: every table and the list of sources come
/// from the same moment, so rows that refer to each other arrive together even while others write. Memory holds one
/// row and one copy buffer, whatever the size of the store. Once the last byte is flushed, <c>export.ready</c> is
/// emitted to the user's webhooks in a transaction of its own (the export itself wrote nothing).
/// </summary>
public sealed class ArchiveExportService(IStrataStore store, IBlobStore blobs, TimeProvider clock)
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public async Task<ArchiveExportResult> ExportAsync(string userId, Stream output, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenSnapshotAsync(userId, cancellationToken);
        var archive = session.Archive;
        var tables = new List<ArchiveTableEntry>();
        long blobCount = 0, blobBytes = 0;
        var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            foreach (var table in archive.Tables)
            {
                tables.Add(await WriteTableAsync(zip, archive, table, cancellationToken));
            }
            await foreach (var row in archive.ReadAsync(ArchiveTables.Sources, cancellationToken))
            {
                var hash = (string)row.Values.Single(v => v.Key == "content_hash").Value!;
                blobBytes += await WriteBlobAsync(zip, userId, hash, cancellationToken);
                blobCount++;
            }
            var manifest = new ArchiveManifest(ArchiveFormat.Version, userId, archive.DatabaseName, clock.GetUtcNow(), tables, blobCount, blobBytes);
            var entry = zip.CreateEntry(ArchiveFormat.ManifestEntry, CompressionLevel.Fastest);
            await using var stream = await entry.OpenAsync(cancellationToken);
            await JsonSerializer.SerializeAsync(stream, manifest, ArchiveJsonContext.Default.ArchiveManifest, cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
        var result = new ArchiveExportResult(userId, tables.Sum(t => t.Rows), blobCount, blobBytes, tables);
        await Webhooks.ExportEvents.ReadyAsync(store, userId, "archive", clock.GetUtcNow(), json =>
        {
            json.WriteNumber("rows", result.Rows);
            json.WriteNumber("blobs", result.Blobs);
            json.WriteNumber("blob_bytes", result.BlobBytes);
        }, cancellationToken);
        return result;
    }

    private static async Task<ArchiveTableEntry> WriteTableAsync(ZipArchive zip, IArchiveReader archive, string table, CancellationToken cancellationToken)
    {
        var name = ArchiveFormat.TableEntry(table);
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var checksum = new ChecksumStream(stream);
        long rows = 0;
        await using (var writer = new Utf8JsonWriter(checksum))
        {
            await foreach (var row in archive.ReadAsync(table, cancellationToken))
            {
                ArchiveRowJson.Write(writer, row);
                await writer.FlushAsync(cancellationToken);
                await checksum.WriteAsync(NewLine, cancellationToken);
                // One row per line: the writer starts afresh, as at the top of a document.
                writer.Reset();
                rows++;
            }
        }
        await checksum.FlushAsync(cancellationToken);
        return new ArchiveTableEntry(table, name, rows, checksum.Written, checksum.Sha256());
    }

    private async Task<long> WriteBlobAsync(ZipArchive zip, string userId, string contentHash, CancellationToken cancellationToken)
    {
        Stream content;
        try
        {
            content = await blobs.OpenReadAsync(BlobKeys.For(userId, contentHash), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new StrataException(ErrorCodes.ArchiveBytesPending,
                $"The bytes of a source (sha256 {contentHash}) are not in the blob store yet; export again once its upload has finished.");
        }
        await using (content)
        {
            // Stored, not compressed: the bytes are usually compressed already, and the entry's name is their checksum.
            var entry = zip.CreateEntry(ArchiveFormat.BlobEntry(contentHash), CompressionLevel.NoCompression);
            await using var stream = await entry.OpenAsync(cancellationToken);
            await using var counting = new ChecksumStream(stream);
            await content.CopyToAsync(counting, cancellationToken);
            return counting.Written;
        }
    }
}
