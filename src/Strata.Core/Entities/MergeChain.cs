using Strata.Core.Errors;

namespace Strata.Core.Entities;

/// <summary>
/// The hops from a merged entity to the one that answers for it now (A → B → C). A merge refused because an entity
/// was merged must say where it went, hop by hop: naming only the first hop would point at an entity that may itself
/// be merged.
/// </summary>
public static class MergeChain
{
    /// <summary>Beyond this many hops the chain is a defect in the store, not a user's doing.</summary>
    public const int MaxHops = 32;

    /// <summary>The entity itself, then each entity it was merged into, ending with the one not merged.</summary>
    public static async Task<IReadOnlyList<Entity>> FollowAsync(IEntityReader entities, Entity start, CancellationToken cancellationToken)
    {
        var chain = new List<Entity> { start };
        while (chain[^1].MergedInto is { } next)
        {
            if (chain.Count > MaxHops)
            {
                throw new StrataException(ErrorCodes.InternalError, $"Entity {start.Id} has a merge chain longer than {MaxHops}.");
            }
            chain.Add(await entities.GetAsync(next, cancellationToken)
                ?? throw new StrataException(ErrorCodes.InternalError, $"Entity {chain[^1].Id} is merged into a missing entity."));
        }
        return chain;
    }

    /// <summary>"A was merged into B, and B was merged into C".</summary>
    public static string Describe(IReadOnlyList<Entity> chain)
    {
        var hops = chain.Zip(chain.Skip(1), (from, to) => $"{from.Id} was merged into {to.Id}").ToList();
        return hops.Count <= 1 ? string.Concat(hops) : string.Join(", ", hops[..^1]) + ", and " + hops[^1];
    }
}
