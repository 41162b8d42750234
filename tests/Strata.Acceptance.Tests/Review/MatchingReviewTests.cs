using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>Confirm or reject everything matching a filter (block type, a field's value, minus exclusions): counted first
/// (a reject with its model calls), each value changed once even when two bulk changes overlap.</summary>
public sealed class MatchingReviewTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    /// <summary>A heading (block 0) then <paramref name="paragraphs"/> paragraphs, all staged.</summary>
    private static async Task<(ReviewFixture Review, string RunId)> RunAsync(string backend, int paragraphs)
    {
        var review = await ReviewFixture.StartAsync(backend);
        var document = await review.AddDocumentAsync("lease.md", "# Lease\n\n" + ReviewFixture.Paragraphs(paragraphs));
        await review.RegisterSchemaAsync();
        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        return (review, started.Run.RunId);
    }

    private static BlockValueFilter Filter(string? blockType = null, string? field = null, string? equalsText = null, params int[] except) =>
        new(blockType, field, equalsText, except.ToHashSet());

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADryRunCountsTheMatchesAndChangesNothingThenTheConfirmTakesExactlyTheFilteredSetMinusExclusions(string backend)
    {
        var (review, runId) = await RunAsync(backend, 6);
        await using var _ = review;
        var service = review.Strata.Services.Review;

        var preview = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter("paragraph", "topic", "rent", 3), true, None);
        Assert.Equal((5, 0, 0, true), (preview.Matched, preview.Changed, preview.ModelCalls, preview.DryRun));
        Assert.Equal((7, 0), (preview.Counts.Staged, preview.Counts.Confirmed));

        var confirmed = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter("paragraph", "topic", "rent", 3), false, None);

        Assert.Equal((5, 5, 2, 5), (confirmed.Matched, confirmed.Changed, confirmed.Counts.Staged, confirmed.Counts.Confirmed));
        var stillStaged = (await review.ValuesAsync(runId, BlockValueStates.Staged)).Select(v => v.BlockIndex);
        Assert.Equal([0, 3], stillStaged); // the heading and the excluded paragraph
        // A number compares as written; a value that differs matches nothing.
        Assert.Equal(2, (await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, "risk", "2"), true, None)).Matched);
        Assert.Equal(0, (await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, "topic", "deposit"), true, None)).Matched);
        var halfFilter = await Assert.ThrowsAsync<StrataException>(() =>
            service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, "topic"), false, None));
        Assert.Equal(ErrorCodes.ValidationFailed, halfFilter.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ABulkRejectSaysFirstHowManyModelCallsItCostsAndThenCostsExactlyThat(string backend)
    {
        var (review, runId) = await RunAsync(backend, 14);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var calls = review.Server.Requests.Count;

        // 14 paragraphs, the schema asks 10 blocks a call: two calls.
        var preview = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Reject, Filter("paragraph"), true, None);
        Assert.Equal((14, 0, 2), (preview.Matched, preview.Changed, preview.ModelCalls));
        Assert.Equal(calls, review.Server.Requests.Count);
        Assert.Equal(15, preview.Counts.Staged);

        var rejected = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Reject, Filter("paragraph"), false, None);
        Assert.Equal((14, 14, 2, 14, 1), (rejected.Matched, rejected.Changed, rejected.ModelCalls, rejected.Counts.Pending, rejected.Counts.Staged));

        await review.WorkAsync();
        Assert.Equal(calls + preview.ModelCalls, review.Server.Requests.Count);
        Assert.Equal(15, (await service.GetRunAsync(review.User, runId, None)).Counts.Staged);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TwoBulkConfirmsOfOverlappingFiltersAtOnceConfirmEachValueOnce(string backend)
    {
        var (review, runId) = await RunAsync(backend, 59);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var everyOther = Enumerable.Range(0, 60).Where(i => i % 2 == 1).ToArray();

        // One takes the paragraphs, the other every even block (the heading among them): they share the even paragraphs.
        var both = await Task.WhenAll(
            Task.Run(() => service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter("paragraph"), false, None)),
            Task.Run(() => service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, null, null, everyOther), false, None)));

        Assert.Equal(60, both.Sum(r => r.Changed));
        var confirmed = await review.ValuesAsync(runId, BlockValueStates.Confirmed);
        Assert.Equal(60, confirmed.Count);
        Assert.Equal(60, confirmed.Select(v => v.ObservationId).Distinct().Count());
        var entities = await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, null, false, false, new Core.Paging(100), None);
        Assert.Equal(60, entities.Entities.Count);
        Assert.All(entities.Entities, e => Assert.Equal(1, e.ObservationCount));
    }
}
