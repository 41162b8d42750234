namespace Strata.Core.Entities.Splits;

/// <summary>The queries of <see cref="ISplitStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface ISplitReader
{
    /// <summary>The ids of the entity's observations first written to one of <paramref name="originalEntityIds"/>.</summary>
    Task<IReadOnlyList<string>> FirstWrittenToAsync(string entityId, IReadOnlyCollection<string> originalEntityIds, CancellationToken cancellationToken);

    Task<MergeRecord?> GetMergeAsync(string mergeId, CancellationToken cancellationToken);

    /// <summary>The entities merged straight into this one.</summary>
    Task<IReadOnlyList<string>> MergedIntoAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>The split that undid the merge, if one did.</summary>
    Task<string?> UndoneByAsync(string mergeId, CancellationToken cancellationToken);
}

/// <summary>What a split needs of the store beyond entities and observations: moving chosen observations, the merge
/// audit it undoes, and its own audit rows.</summary>
public interface ISplitStore : ISplitReader
{
    /// <summary>Moves the observations (those of <paramref name="fromEntityId"/> among the ids) to another entity; returns how many moved.</summary>
    Task<int> MoveAsync(IReadOnlyCollection<string> observationIds, string fromEntityId, string toEntityId, CancellationToken cancellationToken);

    /// <summary>Makes a merged entity answer for itself again.</summary>
    Task ReopenAsync(string entityId, CancellationToken cancellationToken);

    Task InsertAsync(SplitRecord split, CancellationToken cancellationToken);
}

/// <summary>The audit row of one split: observations moved from one entity to another, by a person or by re-resolution;
/// <see cref="MergeId"/> is the merge it undid.</summary>
public sealed record SplitRecord(
    string Id,
    string UserId,
    string FromEntityId,
    string ToEntityId,
    string? MergeId,
    string? Reason,
    int ObservationsMoved,
    DateTimeOffset SplitAt);
