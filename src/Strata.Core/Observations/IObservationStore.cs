using Strata.Core.Operations;

namespace Strata.Core.Observations;

/// <summary>The queries of <see cref="IObservationStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IObservationReader
{
    Task<Observation?> GetAsync(string observationId, CancellationToken cancellationToken);

    /// <summary>The user's observations among <paramref name="observationIds"/> (missing ones and another user's are absent).</summary>
    Task<IReadOnlyDictionary<string, Observation>> GetManyAsync(IReadOnlyCollection<string> observationIds, CancellationToken cancellationToken);

    /// <summary>The entity's observations in creation order; only those recorded at or before <paramref name="asOf"/> when given.</summary>
    Task<IReadOnlyList<Observation>> ListForEntityAsync(string entityId, DateTimeOffset? asOf, CancellationToken cancellationToken);

    /// <summary>The observations of each of <paramref name="entityIds"/> (another user's entities have none), each entity's in
    /// creation order, only those recorded at or before <paramref name="asOf"/> when given: one query per few hundred
    /// entities where <see cref="ListForEntityAsync"/> would be one per entity. Different entities' observations are not
    /// in one order.</summary>
    Task<IReadOnlyList<Observation>> ListForEntitiesAsync(IReadOnlyList<string> entityIds, DateTimeOffset? asOf, CancellationToken cancellationToken);

    /// <summary>The entity's observations in creation order, one page (see <see cref="Paging"/>).</summary>
    Task<Page<Observation>> ListForEntityPagedAsync(string entityId, Paging paging, CancellationToken cancellationToken);

    Task<IReadOnlyList<RawFragment>> ListRawFragmentsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The entities a run wrote (each with its first observation of the run), at most <paramref name="limit"/>,
    /// and how many there were in all.</summary>
    Task<(IReadOnlyList<EntityRef> Items, int Total)> EntitiesOfRunAsync(string runId, int limit, CancellationToken cancellationToken);
}

public interface IObservationStore : IObservationReader
{
    /// <summary>Inserts unless an observation with the id exists (a retried write); returns whether it was inserted.</summary>
    Task<bool> InsertAsync(Observation observation, CancellationToken cancellationToken);

    /// <summary>Inserts each observation unless one with its id exists; returns the ids inserted.</summary>
    Task<IReadOnlySet<string>> InsertAllAsync(IReadOnlyList<Observation> observations, CancellationToken cancellationToken);

    /// <summary>Moves every observation of one entity to another (a merge); returns how many moved.</summary>
    Task<int> MoveAsync(string fromEntityId, string toEntityId, CancellationToken cancellationToken);

    /// <summary>Inserts unless the fragment exists; returns whether it was inserted.</summary>
    Task<bool> InsertRawFragmentAsync(RawFragment fragment, CancellationToken cancellationToken);
}
