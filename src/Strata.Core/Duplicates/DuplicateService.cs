using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Duplicates;

/// <summary><c>list_potential_duplicates</c>, dismissing a pair, and the scan that finds them. Pairs are only ever
/// suggested: merging stays a decision a person (or agent) makes with <c>merge_entities</c>.</summary>
/// <param name="maxEntitiesPerType">Beyond this many unmerged entities of one type the quadratic scan skips that type
/// (and says so in its result).</param>
public sealed class DuplicateService(IStrataStore store, double threshold, TimeProvider clock, int maxEntitiesPerType = DuplicateService.MaxEntitiesPerType)
{
    /// <summary>The default limit of entities of one type a scan compares pair by pair.</summary>
    public const int MaxEntitiesPerType = 20_000;

    public async Task<DuplicateList> ListPotentialDuplicatesAsync(string userId, string? entityType, bool includeDismissed, Paging paging,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: false, cancellationToken);
        var (items, total) = await session.Duplicates.ListAsync(entityType, includeDismissed, paging.Validated(), cancellationToken);
        return new DuplicateList(items.Select(Views.Of).ToList(), total);
    }

    /// <summary>Marks a pair as not duplicates; later scans never raise it again.</summary>
    public async Task<DuplicateView> DismissAsync(string userId, string entityA, string entityB, CancellationToken cancellationToken)
    {
        var (a, b) = string.CompareOrdinal(entityA, entityB) < 0 ? (entityA, entityB) : (entityB, entityA);
        await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
        if (await session.Duplicates.GetAsync(a, b, cancellationToken) is null)
        {
            throw new StrataException(ErrorCodes.DuplicateNotFound, $"{entityA} and {entityB} are not a potential duplicate pair.");
        }
        await session.Duplicates.DismissAsync(a, b, clock.GetUtcNow(), cancellationToken);
        var dismissed = await session.Duplicates.GetAsync(a, b, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return Views.Of(dismissed!);
    }

    /// <summary>Compares the user's entities type by type and records the pairs found.</summary>
    public async Task<DuplicateScanResult> ScanAsync(string userId, CancellationToken cancellationToken)
    {
        var compared = 0;
        var found = new List<DuplicatePair>();
        var skipped = new List<SkippedTypeView>();
        await using (var read = await store.OpenAsync(userId, write: false, cancellationToken))
        {
            foreach (var (type, count) in await read.Duplicates.UnmergedCountsAsync(cancellationToken))
            {
                if (count > maxEntitiesPerType)
                {
                    skipped.Add(new SkippedTypeView(type, count, maxEntitiesPerType,
                        $"{count} unmerged {type} entities is more than the {maxEntitiesPerType} a scan compares pair by pair; none of them were compared."));
                    continue;
                }
                var entities = await read.Duplicates.UnmergedAsync(type, maxEntitiesPerType, cancellationToken);
                compared += entities.Count;
                found.AddRange(DuplicateDetector.FindPairs(type, entities, threshold));
            }
        }
        // Comparing happens outside the write lock; only the save takes it.
        await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
        var added = await session.Duplicates.SaveAsync(found, clock.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new DuplicateScanResult(compared, found.Count, added, skipped);
    }
}
