namespace Strata.Core.Sources;

/// <summary>The queries of <see cref="IPendingBytesStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IPendingBytesReader
{
    /// <summary>The chunk at <paramref name="index"/> (0, 1, ...), or null past the last one.</summary>
    Task<byte[]?> ReadChunkAsync(string sourceId, int index, CancellationToken cancellationToken);
}

/// <summary>
/// Bytes the blob store refused, kept in the database in chunks until an upload job (in any process on the same
/// database) puts them in the blob store. A session's store sees only its user's chunks.
/// </summary>
public interface IPendingBytesStore : IPendingBytesReader
{
    /// <summary>Bytes waiting for upload: this user's and everyone's. Holds back other writers of pending bytes until
    /// this transaction ends, so two uploads cannot both pass a cap that has room for one.</summary>
    Task<PendingTotals> ReadTotalsAsync(CancellationToken cancellationToken);

    Task WriteChunkAsync(string sourceId, int index, byte[] data, CancellationToken cancellationToken);

    /// <summary>Removes a source's chunks (once uploaded, or before they are written again); returns how many.</summary>
    Task<int> DeleteAsync(string sourceId, CancellationToken cancellationToken);
}

public sealed record PendingTotals(long UserBytes, long AllBytes);
