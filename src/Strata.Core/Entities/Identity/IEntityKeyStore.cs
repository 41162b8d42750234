namespace Strata.Core.Entities.Identity;

/// <summary>The queries of <see cref="IEntityKeyStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IEntityKeyReader
{
    /// <summary>The holders of each of <paramref name="keyHashes"/> (entities as recorded, merged ones included).</summary>
    Task<IReadOnlyList<EntityKeyHolder>> FindAsync(IReadOnlyCollection<string> keyHashes, CancellationToken cancellationToken);
}

/// <summary>Which of the session user's entities hold which identity keys (<see cref="IdentityKey.Hash"/>): how a record
/// finds the entity it belongs to, and how a name finds every entity that goes by it.</summary>
public interface IEntityKeyStore : IEntityKeyReader
{
    /// <summary>Records that the entities hold the keys (known pairs are left as they are).</summary>
    Task AddAsync(IReadOnlyCollection<EntityKeyHolder> holders, CancellationToken cancellationToken);

    /// <summary>Forgets every key of the entity (before a split or re-resolution records them again).</summary>
    Task RemoveEntityAsync(string entityId, CancellationToken cancellationToken);
}

/// <param name="KeyHash">As <see cref="RecordIdentity.HashOf"/> makes it: 32 lower-case hex characters (a store may keep
/// their 16 bytes).</param>
public sealed record EntityKeyHolder(string KeyHash, string EntityId, string EntityType);
