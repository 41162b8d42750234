using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>Deletes that race another delete of the same document, or a confirm of another block of it: the store ends
/// consistent (no entity or row left naming what went) and the removal is reported once.</summary>
public sealed class EntityRemovalRaceTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    private const int Documents = 3;

    /// <summary>A project of <see cref="Documents"/> documents of three blocks, each with a finished run; returns each
    /// document with its run.</summary>
    private static async Task<(ReviewFixture Review, List<(string Document, string RunId)> Runs)> ProjectAsync(string backend)
    {
        var review = await ReviewFixture.StartAsync(backend);
        for (var i = 0; i < Documents; i++) await review.AddDocumentAsync($"lease-{i}.md", ReviewFixture.Paragraphs(3, $"Tenant {i}"));
        await review.RegisterSchemaAsync();
        await review.Strata.Services.Review.ApplySchemaAsync(review.User, review.ProjectId, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        var runs = (await review.Strata.Services.Review.ListRunsAsync(review.User, null, review.ProjectId, new Paging(), None)).Items;
        return (review, runs.Select(r => (r.DocumentId, r.RunId)).ToList());
    }

    /// <summary>The call's answer, or the code it was refused with.</summary>
    private static async Task<(T? Result, string? Code)> AttemptAsync<T>(Func<Task<T>> call) where T : class
    {
        try { return (await Task.Run(call), null); }
        catch (StrataException e) { return (null, e.Code); }
    }

    private static async Task AssertNoEntityLeftAsync(ReviewFixture review)
    {
        var left = await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, null, true, false, new Paging(Paging.MaxLimit), None);
        Assert.Empty(left.Entities);
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TwoDeletesOfOneDocumentAtOnceRemoveItsEntitiesOnceAndTheOtherFindsItGone(string backend)
    {
        var (review, runs) = await ProjectAsync(backend);
        await using var _ = review;
        var deletions = review.Strata.Services.Deletions;
        await review.Strata.Services.Review.ConfirmAllAsync(review.User, ReviewScope.Project, review.ProjectId, None);

        foreach (var (document, _) in runs)
        {
            var both = await Task.WhenAll(
                AttemptAsync(() => deletions.DeleteDocumentAsync(review.User, document, None)),
                AttemptAsync(() => deletions.DeleteDocumentAsync(review.User, document, None)));

            var done = Assert.Single(both, b => b.Result is not null).Result!;
            Assert.Equal((1, 1, 3), (done.Removed["documents"], done.Removed["block_runs"], done.Removed["entities"]));
            Assert.Equal(ErrorCodes.DocumentNotFound, Assert.Single(both, b => b.Result is null).Code);
        }

        var audits = (await deletions.ListAsync(review.User, new Paging(Paging.MaxLimit), None)).Deletions;
        Assert.Equal((Documents, Documents), (audits.Count(d => d.Deleted == "document"), audits.Count(d => d.Deleted == "block_run")));
        Assert.Equal(3 * Documents, audits.Where(d => d.Deleted == "block_run").Sum(d => d.Removed["entities"]));
        await AssertNoEntityLeftAsync(review);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADeleteRacingAConfirmOfAnotherBlockTakesThatBlocksEntityTooWhenTheConfirmWasFirst(string backend)
    {
        var (review, runs) = await ProjectAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        foreach (var (_, runId) in runs) await services.Review.ConfirmAsync(review.User, runId, 0, None);

        foreach (var (document, runId) in runs)
        {
            var deleting = AttemptAsync(() => services.Deletions.DeleteDocumentAsync(review.User, document, None));
            var confirming = AttemptAsync(() => services.Review.ConfirmAsync(review.User, runId, 1, None));
            var (deleted, refused) = await deleting;
            var (confirmed, code) = await confirming;

            Assert.Null(refused);
            // A confirm that came second finds the run, or its value, gone; one that came first was deleted with the rest.
            if (confirmed is null) Assert.Contains(code, new[] { ErrorCodes.RunNotFound, ErrorCodes.ReviewStateConflict, ErrorCodes.BlockValueNotFound });
            Assert.Equal(confirmed is null ? 1 : 2, deleted!.Removed["entities"]);
        }

        await AssertNoEntityLeftAsync(review);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADeleteRacingAStoreToTheSameEntityLeavesItWithTheStoredValueOrGoneNeverEmpty(string backend)
    {
        var (review, runs) = await ProjectAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;

        foreach (var (_, runId) in runs)
        {
            var confirmed = await services.Review.ConfirmAsync(review.User, runId, 0, None);
            var stored = $$"""[{"entity_type":"clause-review","block_uid":"{{confirmed.BlockUid}}","topic":"stored meanwhile","risk":1}]""";
            var deleting = AttemptAsync(() => services.Review.DeleteRunAsync(review.User, runId, None));
            // A store that loses the race finds its entity deleted under it and is refused (CONFLICT); nothing of it stays.
            var storing = AttemptAsync(() => review.Strata.StoreAsync(review.User, stored));
            var (deleted, refused) = await deleting;
            var (store, storeRefused) = await storing;

            Assert.Null(refused);
            Assert.Contains(storeRefused, new[] { null, ErrorCodes.Conflict });
            if (store is null)
            {
                var gone = await Assert.ThrowsAsync<StrataException>(() => services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None));
                Assert.Equal(ErrorCodes.EntityNotFound, gone.Code);
                Assert.Equal(1, deleted!.EntitiesRemoved);
            }
            else
            {
                var snapshot = await services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None);
                Assert.Equal((1, "stored meanwhile"), (snapshot.ObservationCount, snapshot.Fields["topic"].GetString()));
            }
        }

        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AStoreThatWaitedForADeleteOfItsEntityIsRefusedWithConflictOrMakesTheEntityAnew(string backend)
    {
        var (review, runs) = await ProjectAsync(backend);
        await using var _ = review;
        var runId = runs[0].RunId;
        var confirmed = await review.Strata.Services.Review.ConfirmAsync(review.User, runId, 0, None);
        var stored = $$"""[{"entity_type":"clause-review","block_uid":"{{confirmed.BlockUid}}","topic":"stored meanwhile","risk":1}]""";
        var other = await review.Strata.OpenAnotherStoreAsync();
        try
        {
            Task<Core.Operations.StoreResult> storing;
            // The delete, as a second process would make it, holds the entity (and on SQLite the database) until it commits.
            await using (var session = await other.OpenWriteAsync(review.User, None))
            {
                var deleted = await BlockRunRemoval.DeleteAsync(session, runId, review.Strata.Clock.GetUtcNow(), None);
                Assert.Equal(1, deleted.EntitiesRemoved);
                storing = Task.Run(() => review.Strata.StoreAsync(review.User, stored));
                // The hand-off, seen by the database itself: on PostgreSQL the store's session waits on the delete's
                // row lock (pg_stat_activity). SQLite shows no waiter from outside, and needs none: the delete holds
                // its one write lock, so the store can only finish after the commit below.
                if (review.Strata.PostgresConnectionString is { } url)
                {
                    await Eventually.TrueAsync(() => WaitingOnALockAsync(url), "the store waits on the delete's lock");
                }
                Assert.False(storing.IsCompleted, "the store waits for the delete");
                await session.CommitAsync(None);
            }

            if (backend == Backends.Postgres)
            {
                // It had found the entity before the delete committed: its observation now names nothing, and is refused.
                var refused = await Assert.ThrowsAsync<StrataException>(() => storing);
                Assert.Equal(ErrorCodes.Conflict, refused.Code);
                var gone = await Assert.ThrowsAsync<StrataException>(() =>
                    review.Strata.Services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None));
                Assert.Equal(ErrorCodes.EntityNotFound, gone.Code);
            }
            else
            {
                // One writer at a time: it started after the delete, and made the entity anew.
                Assert.Equal(confirmed.EntityId, (await storing).Entities.Single().EntityId);
                var snapshot = await review.Strata.Services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None);
                Assert.Equal((1, "stored meanwhile"), (snapshot.ObservationCount, snapshot.Fields["topic"].GetString()));
            }
            Assert.Empty(EntityOrphans.Of(review.Strata));
        }
        finally
        {
            if (other is IAsyncDisposable async) await async.DisposeAsync();
            else (other as IDisposable)?.Dispose();
        }
    }

    /// <summary>Whether another session of this database waits on a lock, as pg_stat_activity reports it.</summary>
    private static async Task<bool> WaitingOnALockAsync(string url)
    {
        await using var connection = new Npgsql.NpgsqlConnection(url);
        await connection.OpenAsync();
        await using var look = new Npgsql.NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND wait_event_type = 'Lock')
            """, connection);
        return (bool)(await look.ExecuteScalarAsync())!;
    }
}
