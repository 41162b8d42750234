using Strata.Core.Errors;

namespace Strata.Core.Entities;

/// <summary>
/// Why a merge of two entities is refused when either was merged already. The message names the two entities the
/// caller gave and explains the chain ("B was merged into C"), so the advice never points at a merged entity and a
/// merge that would close a loop says so.
/// </summary>
public static class MergeRefusals
{
    public static async Task ThrowIfMergedAsync(IEntityReader entities, Entity from, Entity to, CancellationToken cancellationToken)
    {
        if (from.MergedInto is not null)
        {
            var chain = await MergeChain.FollowAsync(entities, from, cancellationToken);
            var answering = chain[^1];
            var advice = answering.Id == to.Id
                ? $"so {from.Id} already answers as {to.Id}; nothing is left to merge."
                : $"so its observations are with {answering.Id}; merge {answering.Id} into {to.Id} instead if they are the same.";
            throw new StrataException(ErrorCodes.EntityAlreadyMerged,
                $"Cannot merge {from.Id} into {to.Id}: {MergeChain.Describe(chain)}, {advice}");
        }
        if (to.MergedInto is not null)
        {
            var chain = await MergeChain.FollowAsync(entities, to, cancellationToken);
            var answering = chain[^1];
            var advice = answering.Id == from.Id
                ? $"so {to.Id} already answers as {from.Id}; merging {from.Id} into it would merge {from.Id} into itself."
                : $"so {to.Id} now answers as {answering.Id}; merge into {answering.Id} instead.";
            throw new StrataException(ErrorCodes.EntityAlreadyMerged,
                $"Cannot merge {from.Id} into {to.Id}: {MergeChain.Describe(chain)}, {advice}");
        }
    }
}
