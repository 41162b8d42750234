using Strata.Core.Errors;
using Strata.Core.Observations;

namespace Strata.Core.Entities;

/// <summary>Finds a user's entity by id, telling "not yours" from "not there" for operations that act on it.</summary>
public static class EntityAccess
{
    /// <summary>For reads: another user's entity is simply not found.</summary>
    public static async Task<Entity> GetForReadAsync(IEntityStore entities, string entityId, CancellationToken cancellationToken) =>
        await entities.GetAsync(entityId, cancellationToken)
        ?? throw new StrataException(ErrorCodes.EntityNotFound, $"No entity {entityId}.");

    /// <summary>For changes: another user's entity is refused as access denied.</summary>
    public static async Task<Entity> GetForChangeAsync(IEntityStore entities, string entityId, CancellationToken cancellationToken)
    {
        var entity = await entities.GetAsync(entityId, cancellationToken);
        if (entity is not null)
        {
            return entity;
        }
        if (await entities.BelongsToAnotherUserAsync(entityId, cancellationToken))
        {
            throw new StrataException(ErrorCodes.EntityAccessDenied, $"Entity {entityId} is not yours to change.");
        }
        throw new StrataException(ErrorCodes.EntityNotFound, $"No entity {entityId}.");
    }

    /// <summary>The entity that answers for <paramref name="entityId"/> now (itself, or what it was merged into).</summary>
    public static async Task<Entity> GetCurrentForChangeAsync(IEntityStore entities, string entityId, CancellationToken cancellationToken) =>
        await ObservationWriter.FollowMergesAsync(entities, await GetForChangeAsync(entities, entityId, cancellationToken), cancellationToken);
}
