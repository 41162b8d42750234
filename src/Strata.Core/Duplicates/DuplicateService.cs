using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Duplicates;

/// <summary><c>list_potential_duplicates</c>, dismissing a pair, and the scan that finds them. Pairs are suggested;
/// they are merged only by a person (or agent) with <c>merge_entities</c>, or by the scan when a schema sets an
/// auto-merge threshold, which is then audited like any merge.</summary>
public sealed class DuplicateService(IStrataStore store, MergeService merges, DuplicateTuning tuning, TimeProvider clock)
{
    public async Task<DuplicateList> ListPotentialDuplicatesAsync(string userId, string? entityType, bool includeDismissed, Paging paging,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Duplicates.ListAsync(entityType, includeDismissed, paging.Validated(), cancellationToken);
        return new DuplicateList(page.Items.Select(Views.Of).ToList(), page.NextCursor, page.Total);
    }

    /// <summary>Marks a pair as not duplicates; later scans never raise it again.</summary>
    public async Task<DuplicateView> DismissAsync(string userId, string entityA, string entityB, CancellationToken cancellationToken)
    {
        var (a, b) = string.CompareOrdinal(entityA, entityB) < 0 ? (entityA, entityB) : (entityB, entityA);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        if (await session.Duplicates.GetAsync(a, b, cancellationToken) is null)
        {
            throw new StrataException(ErrorCodes.DuplicateNotFound, $"{entityA} and {entityB} are not a potential duplicate pair.");
        }
        await session.Duplicates.DismissAsync(a, b, clock.GetUtcNow(), cancellationToken);
        var dismissed = await session.Duplicates.GetAsync(a, b, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return Views.Of(dismissed!);
    }

    /// <summary>Compares the user's new and changed entities with those sharing a blocking key, records the pairs
    /// found with their reasons, and merges the pairs a schema's auto-merge threshold allows.</summary>
    public async Task<DuplicateScanResult> ScanAsync(string userId, CancellationToken cancellationToken)
    {
        var (result, toMerge) = await new DuplicateScan(store, tuning, clock).RunAsync(userId, cancellationToken);
        var merged = 0;
        foreach (var (pair, from, to) in toMerge)
        {
            if (await AutoMergeAsync(userId, pair, from, to, cancellationToken)) merged++;
        }
        return result with { AutoMerged = merged };
    }

    /// <summary>Merges one pair unless a person dismissed it or either side was merged meanwhile (by this scan too).</summary>
    private async Task<bool> AutoMergeAsync(string userId, DuplicatePair pair, string from, string to, CancellationToken cancellationToken)
    {
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            if (await read.Duplicates.GetAsync(pair.EntityA, pair.EntityB, cancellationToken) is not { Status: DuplicateStatuses.Pending }) return false;
        }
        try
        {
            await merges.MergeAsync(userId, from, to, $"auto-merge: duplicate score {pair.Score:0.0000} reached the {pair.EntityType} schema's auto_merge_threshold",
                cancellationToken);
            return true;
        }
        catch (StrataException e) when (e.Code is ErrorCodes.EntityAlreadyMerged or ErrorCodes.EntityNotFound)
        {
            return false;
        }
    }
}
