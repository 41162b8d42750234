using System.Globalization;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>A selection's confirm or reject as one undoable step (apply_bulk_change, undo_bulk_change): all of it or none,
/// taken back exactly once, blocks changed since left alone; two at once over one block change it once; a kill -9 in the
/// middle leaves nothing half-done.</summary>
public sealed class BulkChangeTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_confirmed_selection_is_undone_as_one_step_once_and_its_entities_go_with_it(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 6);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var before = Observations(review);

        var applied = await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [4, 1, 2, 1], None);
        Assert.StartsWith("bch_", applied.ChangeId, StringComparison.Ordinal);
        Assert.Equal([1, 2, 4], applied.Changed);
        Assert.Equal((3, 3), (applied.Counts!.Confirmed, applied.Counts.Staged));
        Assert.Equal(before + 3, Observations(review));
        // Block 2 is edited after the change: the undo leaves the person's edit alone.
        await service.EditAsync(review.User, runId, 2, ReviewFixture.Parse("""{"topic":"deposit","risk":1,"kind":"payment"}"""), None);

        var undone = await service.UndoBulkChangeAsync(review.User, applied.ChangeId, None);

        Assert.Equal([1, 4], undone.Undone);
        Assert.Equal([2], undone.LeftAsTheyWere);
        Assert.Equal((5, 1), (undone.Counts.Staged, undone.Counts.Confirmed));
        var staged = await review.ValuesAsync(runId, BlockValueStates.Staged);
        Assert.All(staged.Where(v => v.BlockIndex is 1 or 4), v => Assert.Equal((null, null), (v.ObservationId, v.ConfirmedBy)));
        // Only the edit's observations are left; blocks 1 and 4 have no entity any more.
        var entities = await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, null, true, false, new Paging(10), None);
        Assert.Single(entities.Entities);
        var again = await Assert.ThrowsAsync<StrataException>(() => service.UndoBulkChangeAsync(review.User, applied.ChangeId, None));
        Assert.Equal(ErrorCodes.ReviewStateConflict, again.Code);
        // Confirmed again after the undo, the same blocks make the same observations again.
        Assert.Equal([1, 4], (await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [1, 4], None)).Changed);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_rejected_selection_undone_before_the_model_answers_gets_its_values_back_and_costs_no_call(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 5);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var values = (await review.ValuesAsync(runId)).ToDictionary(v => v.BlockIndex, v => v.Value!.Value.GetRawText());
        var calls = review.Server.Requests.Count;

        var rejected = await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Reject, [0, 3], None);
        Assert.Equal((2, 3, 1), (rejected.Counts!.Pending, rejected.Counts.Staged, rejected.ModelCalls));
        var undone = await service.UndoBulkChangeAsync(review.User, rejected.ChangeId, None);
        await review.WorkAsync();

        Assert.Equal([0, 3], undone.Undone);
        Assert.Equal((0, 5), (undone.Counts.Pending, undone.Counts.Staged));
        Assert.Equal(calls, review.Server.Requests.Count);
        Assert.All(await review.ValuesAsync(runId), v => Assert.Equal(values[v.BlockIndex], v.Value!.Value.GetRawText()));

        // Once the model has answered again, a reject's undo leaves the new answer as it is.
        var second = await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Reject, [2], None);
        await review.WorkAsync();
        var late = await service.UndoBulkChangeAsync(review.User, second.ChangeId, None);
        Assert.Equal((0, 1), (late.Undone.Count, late.LeftAsTheyWere.Count));
        Assert.Equal(5, late.Counts.Staged);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Unknown_or_another_users_change_reads_as_missing_and_a_selection_is_bounded(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 2);
        await using var _ = review;
        var service = review.Strata.Services.Review;
        var applied = await service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [0], None);
        var bob = await review.Strata.UserAsync("bob");

        var theirs = await Assert.ThrowsAsync<StrataException>(() => service.UndoBulkChangeAsync(bob, applied.ChangeId, None));
        var missing = await Assert.ThrowsAsync<StrataException>(() => service.UndoBulkChangeAsync(review.User, "bch_00000000000000000000", None));
        var tooMany = await Assert.ThrowsAsync<StrataException>(() =>
            service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, Enumerable.Range(0, ReviewService.MaxBulkChangeBlocks + 1).ToList(), None));
        var empty = await Assert.ThrowsAsync<StrataException>(() => service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, [], None));

        Assert.Equal((ErrorCodes.BulkChangeNotFound, ErrorCodes.BulkChangeNotFound), (theirs.Code, missing.Code));
        Assert.Equal((ErrorCodes.ValidationFailed, ErrorCodes.ValidationFailed), (tooMany.Code, empty.Code));
        Assert.Equal(1, (await service.GetRunAsync(review.User, runId, None)).Counts.Confirmed);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_changes_over_overlapping_selections_at_once_move_each_block_once_and_two_undos_make_one(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 40);
        await using var _ = review;
        var service = review.Strata.Services.Review;

        var both = await Task.WhenAll(
            Task.Run(() => service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, Enumerable.Range(0, 30).ToList(), None)),
            Task.Run(() => service.ApplyBulkChangeAsync(review.User, runId, MatchingAction.Confirm, Enumerable.Range(10, 30).ToList(), None)));

        Assert.Equal(40, both.Sum(r => r.Changed.Count));
        Assert.Empty(both[0].Changed.Intersect(both[1].Changed));
        Assert.Equal(40, (await review.ValuesAsync(runId, BlockValueStates.Confirmed)).Select(v => v.ObservationId).Distinct().Count());

        var undos = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await service.UndoBulkChangeAsync(review.User, both[0].ChangeId, None)).Undone.Count;
            }
            catch (StrataException e) when (e.Code == ErrorCodes.ReviewStateConflict)
            {
                return -1;
            }
        })));

        Assert.Equal([-1, both[0].Changed.Count], undos.Order().ToArray());
        Assert.Equal(both[0].Changed.Count, (await review.ValuesAsync(runId, BlockValueStates.Staged)).Count);
        Assert.Equal(both[1].Changed.Count, (await review.ValuesAsync(runId, BlockValueStates.Confirmed)).Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_bulk_change_killed_half_way_leaves_every_row_as_it_was_and_runs_whole_afterwards(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, 30);
        await using var _ = review;
        var url = review.Strata.PostgresConnectionString;
        string[] change = [.. url is null ? [] : new[] { "--database", url }, "--user", "alice", "review", "bulk-change", runId, "confirm",
            .. Enumerable.Range(0, 30).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var before = WholeState(review.Strata);

        // The child says itself when it is half-way: 15 values confirmed in its transaction, 15 to go.
        var marker = Path.Combine(review.Strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("bulk-change", marker, review.Strata.DataDirectory, change))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the bulk change never reached its middle: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var after = WholeState(review.Strata);
        Assert.All(before, table => Assert.True(table.Value.SequenceEqual(after[table.Key]), $"{table.Key} changed under a killed bulk change"));
        var finished = await new StrataProcess(review.Strata.DataDirectory).RunAsync(change);
        Assert.True(finished.Exit == 0, finished.Error);
        Assert.Equal(30, (await review.Strata.Services.Review.GetRunAsync(review.User, runId, None)).Counts.Confirmed);
        Assert.Equal(1L, review.Strata.Counts()["bulk_changes"]);
    }

    private static long Observations(ReviewFixture review) => review.Strata.Counts()["observations"];

    /// <summary>Every row of every table, sorted: a killed transaction must leave each exactly as it was.</summary>
    private static Dictionary<string, List<string>> WholeState(TestStrata strata) => strata.Counts().Keys
        .Where(table => table is not ("blobs" or "spool"))
        .ToDictionary(table => table, table => strata.Rows($"SELECT * FROM {table}").Order(StringComparer.Ordinal).ToList());
}
