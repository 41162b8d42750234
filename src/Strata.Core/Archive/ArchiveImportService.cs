using System.IO.Compression;
using Strata.Core.Errors;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Archive;

/// <summary>
/// <c>import archive</c>: loads an archive made by <see cref="ArchiveExportService"/> for the same user, on either
/// database, with the ids, snapshots and provenance it had. First every entry is checked against the manifest
/// (<see cref="ArchiveVerifier"/>) and nothing is written until all of it is whole. Then the sources' bytes go to the
/// blob store (content-addressed: a key holds the same bytes whoever writes it, so a second import or a concurrent one
/// writes the same thing), and every row goes in ONE write transaction, committed at the end: a failure, a conflict
/// under <see cref="ArchiveConflict.Fail"/> or a kill -9 anywhere before the commit leaves the database as it was
/// (bytes already put stay unreferenced until the orphan sweep removes them). Two imports of one archive at once: the
/// second waits on the first's rows (PostgreSQL) or its write lock (SQLite), then finds them there — skipped, or
/// refused under Fail.
/// </summary>
public sealed class ArchiveImportService(IStrataStore store, IBlobStore blobs, string spoolDirectory)
{
    /// <param name="archivePath">A local file (a ZIP needs seeking); an upload is spooled to one first.</param>
    public async Task<ArchiveImportResult> ImportAsync(string userId, string archivePath, ArchiveConflict onConflict, CancellationToken cancellationToken)
    {
        if (!File.Exists(archivePath)) throw StrataException.Validation($"No archive file at {archivePath}.");
        await using var file = File.OpenRead(archivePath);
        var zip = await OpenAsync(file, cancellationToken);
        await using (zip)
        {
            IReadOnlyList<string> known;
            await using (var probe = await store.OpenReadAsync(userId, cancellationToken))
            {
                known = probe.Archive.Tables;
            }
            var manifest = await ArchiveVerifier.VerifyAsync(zip, known, cancellationToken);
            if (manifest.UserId != userId)
            {
                throw new StrataException(ErrorCodes.ArchiveUserMismatch,
                    $"This archive holds the data of user {manifest.UserId}; it loads only for the user of the same name (you are {userId}).");
            }
            var blobsWritten = await PutBlobsAsync(zip, userId, cancellationToken);
            var tables = new List<ArchiveTableImport>();
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            long bytesAdded = 0;
            foreach (var table in session.Archive.Tables)
            {
                var entry = manifest.Tables.FirstOrDefault(t => t.Table == table);
                if (entry is null) continue;
                var (added, skipped, bytes) = await LoadTableAsync(session.Archive, zip.GetEntry(entry.Entry)!, table, onConflict, cancellationToken);
                bytesAdded += bytes;
                tables.Add(new ArchiveTableImport(table, added, skipped));
            }
            // Imported bytes count toward stored bytes as ingested ones do; an import is not refused by the plan's cap.
            if (bytesAdded > 0) await session.Usage.TryAddBytesAsync(bytesAdded, null, cancellationToken);
            await HoldPoint.ReachedAsync("archive-import-before-commit", cancellationToken);
            await session.CommitAsync(cancellationToken);
            return new ArchiveImportResult(userId, onConflict.ToString().ToLowerInvariant(), tables.Sum(t => t.Added), tables.Sum(t => t.Skipped),
                blobsWritten, tables);
        }
    }

    private static async Task<ZipArchive> OpenAsync(Stream file, CancellationToken cancellationToken)
    {
        try
        {
            return await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new StrataException(ErrorCodes.ArchiveInvalid, $"This file is not a whole Strata archive (not a readable ZIP: {e.Message}). Nothing was written.");
        }
    }

    private static async Task<(long Added, long Skipped, long Bytes)> LoadTableAsync(IArchiveStore archive, ZipArchiveEntry entry, string table,
        ArchiveConflict onConflict, CancellationToken cancellationToken)
    {
        long added = 0, skipped = 0, bytes = 0, lineNumber = 0;
        await using var stream = await entry.OpenAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            var row = ArchiveRowJson.Read(line, entry.FullName, lineNumber);
            if (await archive.InsertAsync(table, row, cancellationToken))
            {
                added++;
                if (table == ArchiveTables.Sources) bytes += Usage.StorageCost.Of(row.Values.Single(v => v.Key == "byte_size").Value is long size ? size : 0);
                continue;
            }
            if (onConflict == ArchiveConflict.Fail)
            {
                throw new StrataException(ErrorCodes.ArchiveConflict,
                    $"Row {lineNumber} of {table} is already in this store ({Describe(row)}); nothing was imported. Import with --on-conflict skip to keep what is there and add the rest.");
            }
            skipped++;
        }
        return (added, skipped, bytes);
    }

    private static string Describe(ArchiveRow row) =>
        string.Join(", ", row.Values.Where(v => v.Key is "id" or "entity_id" or "run_id" or "document_id" or "source_id").Take(2).Select(v => $"{v.Key} {v.Value}"));

    private async Task<long> PutBlobsAsync(ZipArchive zip, string userId, CancellationToken cancellationToken)
    {
        long written = 0;
        Directory.CreateDirectory(spoolDirectory);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(ArchiveFormat.BlobPrefix, StringComparison.Ordinal)))
        {
            var key = BlobKeys.For(userId, entry.FullName[ArchiveFormat.BlobPrefix.Length..]);
            if (await blobs.ExistsAsync(key, cancellationToken)) continue;
            var path = Path.Combine(spoolDirectory, $"{Guid.NewGuid():N}.archive");
            try
            {
                await using (var source = await entry.OpenAsync(cancellationToken))
                await using (var target = File.Create(path))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }
                await blobs.PutFileAsync(key, path, cancellationToken);
                written++;
            }
            finally
            {
                File.Delete(path);
            }
        }
        return written;
    }
}
