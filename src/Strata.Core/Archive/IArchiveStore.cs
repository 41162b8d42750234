namespace Strata.Core.Archive;

/// <summary>The queries of <see cref="IArchiveStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IArchiveReader
{
    /// <summary>The tables an archive carries, in the order they load (a row comes after every row it refers to).</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>"sqlite" or "postgres": recorded in the manifest, for people reading it.</summary>
    string DatabaseName { get; }

    /// <summary>Every row of the session user's in <paramref name="table"/>, read as the caller goes.</summary>
    IAsyncEnumerable<ArchiveRow> ReadAsync(string table, CancellationToken cancellationToken);
}

/// <summary>
/// A user's rows, table by table, as the portable archive carries them (docs/archive.md). Values are plain scalars —
/// text, whole numbers, fractions, booleans, null — with times as fixed-width UTC text, so a row read on one database
/// is written unchanged on the other. Store-local columns (row numbers, rowids) and keys never appear.
/// </summary>
public interface IArchiveStore : IArchiveReader
{
    /// <summary>Writes one row for the session user (the row's own user column is ignored). False when a row with the
    /// same key is already there, which is left as it was.</summary>
    /// <exception cref="Errors.StrataException">ARCHIVE_INVALID: a column this database does not have.</exception>
    Task<bool> InsertAsync(string table, ArchiveRow row, CancellationToken cancellationToken);
}

/// <summary>One row: column names and their values (string, long, double, bool or null), in column order.</summary>
public sealed record ArchiveRow(IReadOnlyList<KeyValuePair<string, object?>> Values);

/// <summary>Table names the archive services need by name.</summary>
public static class ArchiveTables
{
    /// <summary>Each source row names its bytes by <c>content_hash</c>.</summary>
    public const string Sources = "sources";
}
