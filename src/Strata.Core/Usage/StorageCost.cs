namespace Strata.Core.Usage;

/// <summary>
/// What a source costs the storage quota: its payload bytes plus a fixed charge for the records and the file it
/// creates. Counting payload bytes alone let a tiny or empty item cost nothing while it wrote a source row, a document,
/// its blocks and search rows, jobs, an import row and a blob file (a zip of millions of empty conversations wrote
/// gigabytes that <c>usage</c> showed as megabytes). The charge is fixed per source, not measured per write, so a
/// refund is exactly the charge whatever was derived in between. Documented in docs/operations.md (Quotas); migration
/// 0120 recounted the stored sources with it.
/// </summary>
public static class StorageCost
{
    /// <summary>The rows a source creates whatever its size: the source, its document, conversion and interpretation
    /// jobs, a run, an import's conversation row, and the index entries of each. Measured by StorageCostTests over 600
    /// tiny sources: about 3.4 KB a source on SQLite and 6.4 KB on PostgreSQL besides the blob file.</summary>
    public const long PerRecordBytes = 4096;

    /// <summary>The blob file: a file system allocates at least one 4 KiB block for even a one-byte file.</summary>
    public const long PerFileBytes = 4096;

    /// <summary>Everything a source costs beyond its payload.</summary>
    public const long PerSourceBytes = PerRecordBytes + PerFileBytes;

    /// <summary>The charge for one source of <paramref name="payloadBytes"/>: what is reserved when it is stored and
    /// refunded when it is removed.</summary>
    public static long Of(long payloadBytes) => payloadBytes + PerSourceBytes;

    /// <summary>The charge for <paramref name="sources"/> sources of <paramref name="payloadBytes"/> in all.</summary>
    public static long Of(long payloadBytes, long sources) => payloadBytes + sources * PerSourceBytes;
}
