using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>A change to everything matching a filter is one undoable step (undo_bulk_change), like a selection's: taken back
/// whole and once, two at once each undone for exactly its own values, and a kill between its pages leaves a step naming
/// exactly the values that moved.</summary>
public sealed class MatchingUndoTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    private static BlockValueFilter Filter(string? blockType = null, params int[] except) => new(blockType, null, null, except.ToHashSet());

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_confirm_by_filter_is_undone_as_one_step_once_and_a_dry_run_records_nothing(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 8);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var observations = review.Strata.Counts()["observations"];

        var preview = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, 2), true, None);
        var confirmed = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, 2), false, None);

        Assert.Null(preview.ChangeId);
        Assert.StartsWith("bch_", confirmed.ChangeId, StringComparison.Ordinal);
        Assert.Equal(1L, review.Strata.Counts()["bulk_changes"]);
        Assert.Equal(observations + 7, review.Strata.Counts()["observations"]);
        var undone = await service.UndoBulkChangeAsync(review.User, confirmed.ChangeId!, None);

        Assert.Equal([0, 1, 3, 4, 5, 6, 7], undone.Undone);
        Assert.Equal((8, 0), (undone.Counts.Staged, undone.Counts.Confirmed));
        Assert.Equal(observations, review.Strata.Counts()["observations"]);
        var again = await Assert.ThrowsAsync<StrataException>(() => service.UndoBulkChangeAsync(review.User, confirmed.ChangeId!, None));
        Assert.Equal(ErrorCodes.ReviewStateConflict, again.Code);
        // Nothing left to match is still a step, of no block.
        await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(), false, None);
        var nothing = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(), false, None);
        Assert.Empty((await service.UndoBulkChangeAsync(review.User, nothing.ChangeId!, None)).Undone);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_reject_by_filter_undone_before_the_model_answers_gets_its_values_back(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 5);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var values = (await review.ValuesAsync(runId)).ToDictionary(v => v.BlockIndex, v => v.Value!.Value.GetRawText());
        var calls = review.Server.Requests.Count;

        var rejected = await service.ReviewMatchingAsync(review.User, runId, MatchingAction.Reject, Filter(null, 0), false, None);
        var undone = await service.UndoBulkChangeAsync(review.User, rejected.ChangeId!, None);
        await review.WorkAsync();

        Assert.Equal((4, 4), (rejected.Changed, undone.Undone.Count));
        Assert.Equal((0, 5), (undone.Counts.Pending, undone.Counts.Staged));
        Assert.Equal(calls, review.Server.Requests.Count);
        Assert.All(await review.ValuesAsync(runId), v => Assert.Equal(values[v.BlockIndex], v.Value!.Value.GetRawText()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_overlapping_changes_by_filter_at_once_then_both_undone_at_once_leave_every_value_staged(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 40);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var odd = Enumerable.Range(0, 40).Where(i => i % 2 == 1).ToArray();
        var observations = review.Strata.Counts()["observations"];

        var both = await Task.WhenAll(
            Task.Run(() => service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(), false, None)),
            Task.Run(() => service.ReviewMatchingAsync(review.User, runId, MatchingAction.Confirm, Filter(null, odd), false, None)));
        Assert.Equal(40, both.Sum(r => r.Changed));

        var undone = await Task.WhenAll(both.Select(r => Task.Run(() => service.UndoBulkChangeAsync(review.User, r.ChangeId!, None))));

        Assert.Equal(both.Select(r => r.Changed), undone.Select(u => u.Undone.Count));
        Assert.Equal(Enumerable.Range(0, 40), undone.SelectMany(u => u.Undone).Order());
        Assert.Equal(40, (await review.ValuesAsync(runId, BlockValueStates.Staged)).Count);
        Assert.Equal(observations, review.Strata.Counts()["observations"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_change_by_filter_killed_between_pages_is_recorded_for_exactly_the_values_that_moved(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 210);
        await using var _ = review;
        var url = review.Strata.PostgresConnectionString;
        string[] change = [.. url is null ? [] : new[] { "--database", url }, "--user", "alice", "review", "confirm-matching", runId];

        // The child says itself when its first page (200 values) is committed; 10 are still to go.
        var marker = Path.Combine(review.Strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("matching-page", marker, review.Strata.DataDirectory, change))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the change never finished its first page: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var row = Assert.Single(review.Strata.Rows("SELECT id, block_count FROM bulk_changes"));
        var changeId = row.Split('|')[0]["id=".Length..];
        Assert.Equal("block_count=200", row.Split('|')[1]);
        Assert.Equal(200L, review.Strata.Counts()["bulk_change_blocks"]);
        Assert.Equal(200, (await review.ValuesAsync(runId, BlockValueStates.Confirmed)).Count);
        var undone = await review.Strata.Services.Review.UndoBulkChangeAsync(review.User, changeId, None);
        Assert.Equal(Enumerable.Range(0, 200), undone.Undone);
        Assert.Equal((210, 0), (undone.Counts.Staged, undone.Counts.Confirmed));
    }
}
