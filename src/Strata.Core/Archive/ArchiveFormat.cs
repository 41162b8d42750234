namespace Strata.Core.Archive;

/// <summary>The archive's layout: one ZIP with a JSONL entry per table, one entry per source's bytes named by their
/// SHA-256, and the manifest last (it is written once every entry's checksum is known).</summary>
public static class ArchiveFormat
{
    public const int Version = 1;

    public const string ManifestEntry = "manifest.json";

    public const string TablePrefix = "tables/";

    public const string BlobPrefix = "blobs/";

    public static string TableEntry(string table) => $"{TablePrefix}{table}.jsonl";

    public static string BlobEntry(string contentHash) => BlobPrefix + contentHash;
}

/// <summary>What an archive says of itself: whose it is (user ids derive from user names, so the id names the user), and each table entry's rows, bytes and SHA-256. Blob
/// entries are checked against their own names (the SHA-256 of their bytes), so they need no line here.</summary>
public sealed record ArchiveManifest(
    int FormatVersion, string UserId, string SourceDatabase, DateTimeOffset CreatedAt,
    IReadOnlyList<ArchiveTableEntry> Tables, long Blobs, long BlobBytes);

public sealed record ArchiveTableEntry(string Table, string Entry, long Rows, long Bytes, string Sha256);

/// <summary>What to do with a row the target already has (same key).</summary>
public enum ArchiveConflict
{
    /// <summary>Keep the target's row and go on: importing an archive twice adds nothing the second time.</summary>
    Skip,

    /// <summary>Refuse the whole import (ARCHIVE_CONFLICT); nothing is written.</summary>
    Fail,
}

public sealed record ArchiveExportResult(string UserId, long Rows, long Blobs, long BlobBytes, IReadOnlyList<ArchiveTableEntry> Tables);

public sealed record ArchiveImportResult(string UserId, string OnConflict, long RowsAdded, long RowsSkipped, long BlobsWritten,
    IReadOnlyList<ArchiveTableImport> Tables);

public sealed record ArchiveTableImport(string Table, long Added, long Skipped);
