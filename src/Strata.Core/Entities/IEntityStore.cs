using Strata.Core.Snapshots;

namespace Strata.Core.Entities;

/// <summary>The queries of <see cref="IEntityStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IEntityReader
{
    Task<Entity?> GetAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>The entities among <paramref name="entityIds"/> that exist (one query for a whole batch of records).</summary>
    Task<IReadOnlyDictionary<string, Entity>> GetManyAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<MergeRecord>> ListMergesAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>Whether any observation is on the entity, or was first written to it and moved on by a merge or split
    /// (the entity then still answers for it).</summary>
    Task<bool> IsObservedAsync(Entity entity, CancellationToken cancellationToken);

    Task<Snapshot?> GetSnapshotAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>The snapshots of the entities among <paramref name="entityIds"/> that exist, by id, in one statement (a
    /// question's results read together rather than one round trip each); an id of another user's entity, or of none,
    /// is absent, as <see cref="GetSnapshotAsync"/> finds nothing for it.</summary>
    Task<IReadOnlyDictionary<string, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    /// <summary>Snapshots of the entities that match, one page: a list (no text) pages by cursor and counts only when
    /// asked; a text query pages by offset and always has its total.</summary>
    Task<Page<Snapshot>> QueryAsync(EntityQuery query, CancellationToken cancellationToken);

    /// <summary>The entity types the user's entities have, in name order (merged ones counted only when asked).</summary>
    Task<IReadOnlyList<string>> ListTypesAsync(bool includeMerged, CancellationToken cancellationToken);

    Task<Page<TimelineEvent>> TimelineAsync(TimelineQuery query, CancellationToken cancellationToken);

    /// <summary>Every <c>memory_entity</c> of the user that is not merged, with the text <c>search_nodes</c> chooses it by
    /// (<see cref="Strata.Core.MemoryServer.MemoryEntityText"/>; null where none is kept): one row per entity, nothing folded.</summary>
    Task<IReadOnlyList<(string EntityId, string? Text)>> ListMemoryTextsAsync(CancellationToken cancellationToken);

    /// <summary>The user's generation of the rows <see cref="ListMemoryRowsAsync"/> reads (migration 0370): it changes in the
    /// transaction of every change to them, so two reads of one value read the same rows.</summary>
    Task<long> MemoryGenerationAsync(CancellationToken cancellationToken);

    /// <summary>Every <c>memory_entity</c> of the user that is not merged, with the text <c>search_nodes</c> chooses it by and
    /// its kept state, in one read; null as soon as their <see cref="Strata.Core.MemoryServer.MemoryRow.EstimatedBytes"/>
    /// add up to more than <paramref name="maxBytes"/> (the rest is not read).</summary>
    Task<IReadOnlyList<Strata.Core.MemoryServer.MemoryRow>?> ListMemoryRowsAsync(long maxBytes, CancellationToken cancellationToken);

    /// <summary>What names each entity among <paramref name="entityIds"/> as an end of a profile relation: its kept profile
    /// name, and where it has none its current fields (JSON); entities that do not exist (or are another user's) are left out.</summary>
    Task<IReadOnlyList<(string EntityId, string? MemoryName, string? FieldsJson)>> ListMemoryNamesAsync(IReadOnlyCollection<string> entityIds,
        CancellationToken cancellationToken);

    /// <summary>The kept profile state (<see cref="Strata.Core.MemoryServer.MemoryEntityState"/>'s JSON) of each entity among
    /// <paramref name="entityIds"/>, in one read: null where none is kept (another type, or a row not filled).</summary>
    Task<IReadOnlyDictionary<string, string?>> ListMemoryStatesAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);
}

public interface IEntityStore : IEntityReader
{
    /// <summary>Inserts the entity unless it exists; returns whether it was inserted.</summary>
    Task<bool> InsertAsync(Entity entity, CancellationToken cancellationToken);

    /// <summary>Inserts a new entity with the snapshot it will have if nothing else is written to it in this transaction
    /// (unless it exists; returns whether it was inserted). <see cref="SaveSnapshotAsync"/> still follows; a store that
    /// kept this snapshot need not write it twice. By default the snapshot is left to <see cref="SaveSnapshotAsync"/>.</summary>
    Task<bool> InsertAsync(NewEntity entity, CancellationToken cancellationToken) =>
        InsertAsync(entity.Entity, cancellationToken);

    /// <summary>Inserts new entities, each with its first snapshot as <see cref="InsertAsync(NewEntity, CancellationToken)"/>
    /// does, all or none: true when every one was inserted; false when any already existed (a concurrent writer committed
    /// it first), and then nothing was.</summary>
    Task<bool> InsertAllAsync(IReadOnlyList<NewEntity> entities, CancellationToken cancellationToken);

    /// <summary>Holds the entities against other writers until commit, so a snapshot is never computed from
    /// observations another transaction is still adding (a no-op where the database serialises all writers).</summary>
    Task LockAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    /// <summary>As <see cref="LockAsync"/>, and also against writers adding observations to the entities: a delete takes
    /// it before asking <see cref="IsObservedAsync"/>, so an observation committed first is seen and one written later
    /// waits, then finds its entity gone.</summary>
    Task LockForRemovalAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    Task MarkMergedAsync(string fromEntityId, string toEntityId, DateTimeOffset mergedAt, CancellationToken cancellationToken);

    Task InsertMergeAsync(MergeRecord merge, CancellationToken cancellationToken);

    /// <summary>Stores the reducer's output, with the texts it is searched by and its timeline events.</summary>
    Task SaveSnapshotAsync(PreparedSnapshot prepared, CancellationToken cancellationToken);

    /// <summary>Stores several snapshots as <see cref="SaveSnapshotAsync"/> does each.</summary>
    async Task SaveSnapshotsAsync(IReadOnlyList<PreparedSnapshot> snapshots, CancellationToken cancellationToken)
    {
        foreach (var prepared in snapshots)
        {
            await SaveSnapshotAsync(prepared, cancellationToken);
        }
    }

    /// <summary>Deletes the entities with every row that refers to them: their search entries, timeline events, identity
    /// and blocking keys, duplicate candidates, merges and splits. Only for entities <see cref="IsObservedAsync"/> says
    /// nothing observes; returns how many were there.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);
}

