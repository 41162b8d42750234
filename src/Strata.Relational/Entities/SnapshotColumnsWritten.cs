using Strata.Core.MemoryServer;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Relational.Entities;

/// <summary>The snapshot columns of an entity row as written, to tell whether a later save would change them.</summary>
internal sealed record SnapshotColumnsWritten(Snapshot Snapshot, string FieldsJson, string ProvenanceJson, string SearchText, string? MemoryText,
    MemoryEntityState? MemoryState)
{
    /// <summary>The row's key in a search index kept apart (SQLite's rowid); 0 where there is none.</summary>
    public long RowId { get; init; }

    public static SnapshotColumnsWritten Of(Snapshot snapshot, string searchText, string? memoryText, MemoryEntityState? memoryState) =>
        new(snapshot, StoredJson.Write(snapshot.Fields), StoredProvenance.Write(snapshot.Fields, snapshot.Provenance), searchText, memoryText,
            memoryState);

    /// <summary>Whether saving this snapshot would write exactly these columns (the same snapshot object, or equal columns).</summary>
    public bool Holds(Snapshot snapshot, string searchText, string? memoryText, MemoryEntityState? memoryState)
    {
        if (SearchText != searchText || MemoryText != memoryText || MemoryState != memoryState) return false;
        if (ReferenceEquals(Snapshot, snapshot)) return true;
        var other = Of(snapshot, searchText, memoryText, memoryState);
        return FieldsJson == other.FieldsJson && ProvenanceJson == other.ProvenanceJson && Snapshot.UpdatedAt == snapshot.UpdatedAt
            && Snapshot.ObservationCount == snapshot.ObservationCount;
    }
}
