using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>One block's edit as an undoable step (apply_bulk_change with action edit, the grid's e): the person's value is
/// confirmed as a correction, and its undo puts the model's staged value back; two edits of one block at once make one.</summary>
public sealed class EditStepTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_edit_step_is_confirmed_as_the_persons_value_and_its_undo_puts_the_models_value_back(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 3);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var model = (await review.ValuesAsync(runId)).Single(v => v.BlockIndex == 1).Value!.Value.GetRawText();
        var observations = review.Strata.Counts()["observations"];

        // Without counts, as the grid asks: the answer leaves them out (null).
        var edited = await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Edit, [1], None,
            ReviewFixture.Parse("""{"topic":"deposit","risk":3,"kind":"payment"}"""), withCounts: false);

        Assert.Equal([1], edited.Changed);
        Assert.Equal(("edit", null), (edited.Action, edited.Counts));
        var confirmed = (await review.ValuesAsync(runId, BlockValueStates.Confirmed)).Single();
        Assert.Equal(("deposit", true), (confirmed.Value!.Value.GetProperty("topic").GetString(), confirmed.Edited));
        Assert.Equal(observations + 1, review.Strata.Counts()["observations"]);

        var undone = await service.UndoBulkChangeAsync(review.User, edited.ChangeId, None);

        Assert.Equal([1], undone.Undone);
        var back = (await review.ValuesAsync(runId)).Single(v => v.BlockIndex == 1);
        Assert.Equal((BlockValueStates.Staged, model, false), (back.State, back.Value!.Value.GetRawText(), back.Edited));
        Assert.Equal(observations, review.Strata.Counts()["observations"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_edit_names_one_staged_block_with_a_value_that_fits_the_schema(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 3);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var value = ReviewFixture.Parse("""{"topic":"deposit","risk":3,"kind":"payment"}""");

        var two = await Assert.ThrowsAsync<StrataException>(() => service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Edit, [0, 1], None, value));
        var none = await Assert.ThrowsAsync<StrataException>(() => service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Edit, [0], None));
        var confirmWithValue = await Assert.ThrowsAsync<StrataException>(() =>
            service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [0], None, value));
        var action = Assert.Throws<StrataException>(() => ReviewService.ParseStepAction("delete"));

        Assert.All([two, none, confirmWithValue, action], e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
        Assert.Equal(0L, review.Strata.Counts()["bulk_changes"]);
        await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [0], None);
        Assert.Equal([0], (await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Edit, [0], None, value)).Unchanged);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_edits_of_one_block_at_once_make_one_and_its_undo_leaves_one_observation_less(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 2);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var observations = review.Strata.Counts()["observations"];

        // The second finds the block confirmed (unchanged) or, having read it staged too, is refused whole (a conflict).
        var both = await Task.WhenAll(new[] { "rent", "deposit" }.Select(topic => Task.Run(async () =>
        {
            try
            {
                return await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Edit, [0], None,
                    ReviewFixture.Parse($$"""{"topic":"{{topic}}","risk":1,"kind":"payment"}"""));
            }
            catch (StrataException e) when (e.Code == ErrorCodes.ReviewStateConflict)
            {
                return null;
            }
        })));

        Assert.Equal(1, both.Sum(r => r?.Changed.Count ?? 0));
        Assert.Equal(observations + 1, review.Strata.Counts()["observations"]);
        var winner = both.Single(r => r?.Changed.Count == 1)!;
        Assert.Equal([0], (await service.UndoBulkChangeAsync(review.User, winner.ChangeId, None)).Undone);
        Assert.Equal(observations, review.Strata.Counts()["observations"]);
    }
}
