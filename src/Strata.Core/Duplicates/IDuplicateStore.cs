namespace Strata.Core.Duplicates;

/// <summary>The queries of <see cref="IDuplicateStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IDuplicateReader
{
    /// <summary>Unmerged entities of one type whose snapshot was written at or after <paramref name="since"/> and whose
    /// keys do not yet reflect it, oldest snapshot first, after the cursor, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ComparableEntity>> ChangedAsync(string entityType, DateTimeOffset since, ScanCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>The newest snapshot time whose keys were written for this type (null before the first scan).</summary>
    Task<DateTimeOffset?> KeyedUpToAsync(string entityType, CancellationToken cancellationToken);

    /// <summary>Unmerged entities of the type sharing a blocking key with one of the keyed entities, at most
    /// <paramref name="perKey"/> per key (the latest), plus up to <paramref name="neighbours"/> on each side of each
    /// sorted-neighbourhood key; by the entity whose keys found them.</summary>
    Task<IReadOnlyList<BlockMatch>> BlockMatchesAsync(string entityType, IReadOnlyList<EntityKeys> keyed, int perKey, int neighbours,
        CancellationToken cancellationToken);

    /// <summary>The unmerged entities among <paramref name="entityIds"/>, with their snapshot fields.</summary>
    Task<IReadOnlyList<ComparableEntity>> GetComparableAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    /// <summary>Pairs whose entities are both still unmerged, best score first (then by the pair's ids), paged by cursor.</summary>
    Task<Page<DuplicateCandidate>> ListAsync(string? entityType, bool includeDismissed, Paging paging, CancellationToken cancellationToken);

    Task<DuplicateCandidate?> GetAsync(string entityA, string entityB, CancellationToken cancellationToken);
}

/// <summary>The session user's potential duplicates, and the blocking keys that decide which entities a scan compares.</summary>
public interface IDuplicateStore : IDuplicateReader
{
    /// <summary>Replaces the entity's blocking keys with <paramref name="keys"/>, marked as computed from the snapshot of
    /// <paramref name="snapshotAt"/> over <paramref name="observations"/> observations.</summary>
    Task ReplaceKeysAsync(EntityKeys keys, DateTimeOffset snapshotAt, int observations, CancellationToken cancellationToken);

    /// <summary>Records pairs (new ones as pending, known ones with their new score and reasons); a dismissed pair stays
    /// dismissed. Returns how many pairs were new.</summary>
    Task<int> SaveAsync(IReadOnlyList<DuplicatePair> pairs, DateTimeOffset detectedAt, CancellationToken cancellationToken);

    Task<bool> DismissAsync(string entityA, string entityB, DateTimeOffset dismissedAt, CancellationToken cancellationToken);
}
