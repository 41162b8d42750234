using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Duplicates;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>The contract of cursor paging on every list: a walk of all pages shows each row that was there before it
/// exactly once, whatever is written meanwhile; a cursor that is not one is VALIDATION_FAILED; a cursor is a position,
/// never a way into another user's rows.</summary>
public abstract class ListPagingCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Rows per time: many rows share a sort key, so ties are broken by id across page boundaries.</summary>
    private const int RowsPerTick = 4;

    [Fact]
    public async Task WalkingTheEntityListWhileEntitiesAreAddedShowsEveryEarlierEntityExactlyOnce()
    {
        var alice = await UserAsync("alice");
        var before = await AddEntitiesAsync(alice, "old", 60);

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var added = 0;
            while (!writing.IsCancellationRequested && added < 200)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(1));
                await AddEntitiesAsync(alice, $"new{added}", 3);
                added++;
            }
        });
        var walked = await WalkAsync(async paging =>
        {
            await Task.Yield();
            await using var session = await Store.OpenReadAsync(alice, None);
            var page = await session.Entities.QueryAsync(new EntityQuery(null, null, false, paging), None);
            return (page.Items.Select(s => s.EntityId).ToList(), page.NextCursor, page.Total);
        }, limit: 7);
        await writing.CancelAsync();
        await writer;

        AssertEachOnce(before, walked);
    }

    [Fact]
    public async Task WalkingSourcesRunsAndObservationsShowsEveryRowExactlyOnce()
    {
        var alice = await UserAsync("alice");
        var sources = new List<string>();
        var runs = new List<string>();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Entities.InsertAsync(new Entity("ent_walk", alice, "contact", "walk", null, null, Clock.GetUtcNow()), None);
            for (var i = 0; i < 23; i++)
            {
                if (i % RowsPerTick == 0) Clock.Advance(TimeSpan.FromSeconds(1));
                var now = Clock.GetUtcNow();
                var source = new Source($"src_{i:D3}", alice, i.ToString("D64"), 10, "application/json", null, StorageStatuses.Uploaded, now);
                await session.Sources.InsertAsync(source, None);
                sources.Add(source.Id);
                var run = new Run($"run_{i:D3}", alice, source.Id, "rules", "1", "{}", "hash", RunStatuses.Completed, 1, 1, 0, null, now, now, now, now);
                await session.Runs.InsertAsync(run, None);
                runs.Add(run.Id);
                await session.Observations.InsertAsync(new Observation($"obs_{i:D3}", alice, "ent_walk", source.Id, run.Id, ObservationKinds.Structured,
                    $"record:{i}", 100, ObservationStates.Accepted, new Dictionary<string, System.Text.Json.JsonElement>(), null, now, now), None);
            }
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        AssertEachOnce(sources, await WalkAsync(async paging =>
        {
            var page = await read.Sources.ListAsync(paging, None);
            return (page.Items.Select(s => s.Id).ToList(), page.NextCursor, page.Total);
        }, limit: 5));
        AssertEachOnce(runs, await WalkAsync(async paging =>
        {
            var page = await read.Runs.ListAsync(null, paging, includeArchived: false, None);
            return (page.Items.Select(r => r.Id).ToList(), page.NextCursor, page.Total);
        }, limit: 5));
        var observations = await WalkAsync(async paging =>
        {
            var page = await read.Observations.ListForEntityPagedAsync("ent_walk", paging, None);
            return (page.Items.Select(o => o.Id).ToList(), page.NextCursor, page.Total);
        }, limit: 5);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"obs_{i:D3}"), observations); // creation order
    }

    [Fact]
    public async Task WalkingRunItemsAndDuplicatePairsShowsEveryRowOnceInOrderWithTotalsOnlyWhenAsked()
    {
        var alice = await UserAsync("alice");
        var now = Clock.GetUtcNow();
        var pairs = new List<DuplicatePair>();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var source = new Source("src_items", alice, new string('a', 64), 10, "text/plain", null, StorageStatuses.Uploaded, now);
            await session.Sources.InsertAsync(source, None);
            await session.Runs.InsertAsync(new Run("run_items", alice, source.Id, "llm", "1", "{}", "hash", RunStatuses.Running, 0, 0, 0, null, now, now, null, now), None);
            await session.RunItems.InsertManyAsync(Enumerable.Range(0, 23).Select(i =>
                RunItem.Pending("run_items", i, i * 10, 10, now) with { Status = i % 3 == 0 ? RunItemStatuses.Failed : RunItemStatuses.Pending }).ToList(), None);
            for (var i = 0; i < 12; i++)
            {
                await session.Entities.InsertAsync(new Entity($"ent_{i:D2}", alice, "contact", $"n{i}", null, null, now), None);
            }
            // Scores tie in threes, so a page boundary falls inside a tie and the pair's ids decide.
            for (var i = 0; i < 11; i++)
            {
                pairs.Add(new DuplicatePair("contact", $"ent_{i:D2}", $"ent_{i + 1:D2}", 0.9 - i / 3 * 0.1));
            }
            await session.Duplicates.SaveAsync(pairs, now, None);
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        var items = await WalkAsync(async paging =>
        {
            var page = await read.RunItems.ListAsync("run_items", null, paging, None);
            return (page.Items.Select(i => i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), page.NextCursor, page.Total);
        }, limit: 5);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), items);
        var failed = await WalkAsync(async paging =>
        {
            var page = await read.RunItems.ListAsync("run_items", RunItemStatuses.Failed, paging, None);
            return (page.Items.Select(i => i.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), page.NextCursor, page.Total);
        }, limit: 3);
        Assert.Equal(["0", "3", "6", "9", "12", "15", "18", "21"], failed);
        Assert.Equal(8, (await read.RunItems.ListAsync("run_items", RunItemStatuses.Failed, new Paging(2, IncludeTotal: true), None)).Total);

        var walked = await WalkAsync(async paging =>
        {
            var page = await read.Duplicates.ListAsync("contact", false, paging, None);
            return (page.Items.Select(p => $"{p.EntityA}-{p.EntityB}").ToList(), page.NextCursor, page.Total);
        }, limit: 4);
        Assert.Equal(pairs.OrderByDescending(p => p.Score).ThenBy(p => p.EntityA, StringComparer.Ordinal).Select(p => $"{p.EntityA}-{p.EntityB}"), walked);
        Assert.Equal(11, (await read.Duplicates.ListAsync(null, false, new Paging(1, IncludeTotal: true), None)).Total);
        var foreign = (await read.RunItems.ListAsync("run_items", null, new Paging(1), None)).NextCursor;
        Assert.Equal(ErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<StrataException>(() =>
            read.Duplicates.ListAsync(null, false, new Paging(Cursor: foreign), None))).Code);
    }

    [Fact]
    public async Task ATotalIsCountedOnlyWhenAskedFor()
    {
        var alice = await UserAsync("alice");
        await AddEntitiesAsync(alice, "e", 9);

        await using var read = await Store.OpenReadAsync(alice, None);
        var plain = await read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(5)), None);
        var counted = await read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(5, IncludeTotal: true)), None);
        var last = await read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(5, Cursor: plain.NextCursor)), None);

        Assert.Null(plain.Total);
        Assert.Equal(9, counted.Total);
        Assert.Equal(4, last.Items.Count);
        Assert.Null(last.NextCursor);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("")]
    public async Task ACursorThatIsNotOneIsRefusedAsInvalid(string cursor)
    {
        var alice = await UserAsync("alice");
        await using var read = await Store.OpenReadAsync(alice, None);

        var failure = await Assert.ThrowsAsync<StrataException>(() =>
            read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(Cursor: cursor)), None));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
        Assert.Contains("cursor", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACursorOfAnotherListIsRefusedAsInvalid()
    {
        var alice = await UserAsync("alice");
        await AddEntitiesAsync(alice, "e", 3);
        await using var read = await Store.OpenReadAsync(alice, None);
        var entities = await read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(1)), None);

        var failure = await Assert.ThrowsAsync<StrataException>(() => read.Sources.ListAsync(new Paging(Cursor: entities.NextCursor), None));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
    }

    [Fact]
    public async Task AnotherUsersCursorShowsOnlyTheCallersOwnRows()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var bobs = await AddEntitiesAsync(bob, "bob", 6);
        var alices = await AddEntitiesAsync(alice, "alice", 6);
        string alicesCursor;
        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            alicesCursor = (await read.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(1)), None)).NextCursor!;
        }

        await using var bobsRead = await Store.OpenReadAsync(bob, None);
        var page = await bobsRead.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(Paging.MaxLimit, Cursor: alicesCursor)), None);

        Assert.NotEmpty(page.Items); // Bob's entities are older than Alice's first: all of them follow her position
        Assert.All(page.Items, s => Assert.Contains(s.EntityId, bobs));
        Assert.DoesNotContain(page.Items, s => alices.Contains(s.EntityId));
    }

    private async Task<List<string>> AddEntitiesAsync(string userId, string prefix, int count)
    {
        var ids = new List<string>();
        await using var session = await Store.OpenWriteAsync(userId, None);
        for (var i = 0; i < count; i++)
        {
            if (i % RowsPerTick == 0) Clock.Advance(TimeSpan.FromSeconds(1));
            var id = $"ent_{prefix}_{i:D3}";
            Assert.True(await session.Entities.InsertAsync(new Entity(id, userId, "contact", id, null, null, Clock.GetUtcNow()), None));
            ids.Add(id);
        }
        await session.CommitAsync(None);
        return ids;
    }

    private static async Task<List<string>> WalkAsync(Func<Paging, Task<(List<string> Ids, string? Next, int? Total)>> list, int limit)
    {
        var walked = new List<string>();
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 1_000, "the walk never ended");
            var (ids, next, total) = await list(new Paging(limit, Cursor: cursor));
            Assert.Null(total);
            Assert.True(ids.Count <= limit);
            walked.AddRange(ids);
            if (next is null) return walked;
            Assert.Equal(limit, ids.Count); // only the last page is short
            cursor = next;
        }
    }

    private static void AssertEachOnce(IReadOnlyCollection<string> expected, List<string> walked)
    {
        Assert.Equal(walked.Count, walked.Distinct(StringComparer.Ordinal).Count());
        Assert.All(expected, id => Assert.Single(walked, w => w == id));
    }
}
