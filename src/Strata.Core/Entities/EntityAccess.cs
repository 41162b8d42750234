using Strata.Core.Errors;
using Strata.Core.Observations;

namespace Strata.Core.Entities;

/// <summary>
/// Finds a user's entity by id. Reads and changes answer alike: another user's entity is simply not found, worded as an
/// id that never existed. Entity ids are derived from the user and the name, so they can be computed; any other answer
/// would confirm that someone else holds that entity.
/// </summary>
public static class EntityAccess
{
    public static async Task<Entity> GetForReadAsync(IEntityReader entities, string entityId, CancellationToken cancellationToken) =>
        await entities.GetAsync(entityId, cancellationToken) ?? throw NotFound(entityId);

    /// <summary>For changes: the same answer as a read, so a write cannot learn more than a read.</summary>
    public static Task<Entity> GetForChangeAsync(IEntityReader entities, string entityId, CancellationToken cancellationToken) =>
        GetForReadAsync(entities, entityId, cancellationToken);

    /// <summary>The entity that answers for <paramref name="entityId"/> now (itself, or what it was merged into).</summary>
    public static async Task<Entity> GetCurrentForChangeAsync(IEntityReader entities, string entityId, CancellationToken cancellationToken) =>
        await ObservationWriter.FollowMergesAsync(entities, await GetForChangeAsync(entities, entityId, cancellationToken), cancellationToken);

    public static StrataException NotFound(string entityId) => new(ErrorCodes.EntityNotFound, $"No entity {entityId}.");
}
