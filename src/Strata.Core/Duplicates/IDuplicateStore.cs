namespace Strata.Core.Duplicates;

/// <summary>The session user's potential duplicates, and the names detection compares.</summary>
public interface IDuplicateStore
{
    /// <summary>How many unmerged entities the user has of each type (types with none are left out), by type name.</summary>
    Task<IReadOnlyList<TypeCount>> UnmergedCountsAsync(CancellationToken cancellationToken);

    /// <summary>Unmerged entities of one type, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<NamedEntity>> UnmergedAsync(string entityType, int limit, CancellationToken cancellationToken);

    /// <summary>Records pairs (new ones as pending, known ones with their new score); a dismissed pair stays dismissed.
    /// Returns how many pairs were new.</summary>
    Task<int> SaveAsync(IReadOnlyList<DuplicatePair> pairs, DateTimeOffset detectedAt, CancellationToken cancellationToken);

    /// <summary>Pairs whose entities are both still unmerged, best score first.</summary>
    Task<(IReadOnlyList<DuplicateCandidate> Items, int Total)> ListAsync(string? entityType, bool includeDismissed, Paging paging, CancellationToken cancellationToken);

    Task<DuplicateCandidate?> GetAsync(string entityA, string entityB, CancellationToken cancellationToken);

    Task<bool> DismissAsync(string entityA, string entityB, DateTimeOffset dismissedAt, CancellationToken cancellationToken);
}

public sealed record NamedEntity(string Id, string CanonicalName);

public sealed record TypeCount(string EntityType, int Count);

/// <summary>Two entities of one type whose canonical names are similar; <see cref="EntityA"/> sorts before <see cref="EntityB"/>.</summary>
public sealed record DuplicatePair(string EntityType, string EntityA, string EntityB, double Score);

public sealed record DuplicateCandidate(
    string EntityType,
    string EntityA,
    string NameA,
    string EntityB,
    string NameB,
    double Score,
    string Status,
    DateTimeOffset DetectedAt,
    DateTimeOffset? DismissedAt);

public static class DuplicateStatuses
{
    public const string Pending = "pending";
    public const string Dismissed = "dismissed";
}
