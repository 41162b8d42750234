using Strata.Core.Relations;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IRelationStore"/>: relations are reduced from their observations (priority, then
/// the latest) at the time asked, validity and retractions count from when they take effect, merges move the ends and
/// unmerges move them back, and a session sees only its user's relations.</summary>
public abstract class RelationCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RelationObservation Observed(string id, string from, string type, string to, DateTimeOffset at, string state = RelationStates.Asserted,
        int priority = 100, DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null, string properties = "{}") =>
        new(id, from, type, to, state, properties, validFrom, validTo, validFrom is { } f && f < at ? f : at, at, priority, "run_" + id, "src_1");

    private async Task WriteAsync(string userId, params RelationObservation[] observations)
    {
        await using var session = await Store.OpenWriteAsync(userId, None);
        await session.Relations.InsertAsync(observations, None);
        await session.CommitAsync(None);
    }

    private async Task<IReadOnlyList<RelationObservation>> HoldingAsync(string userId, DateTimeOffset at, params string[] entityIds)
    {
        await using var session = await Store.OpenReadAsync(userId, None);
        return await session.Relations.HoldingAsync(entityIds, at, None);
    }

    [Fact]
    public async Task ARelationHoldsFromEitherEndAndARetriedObservationIsStoredOnce()
    {
        var alice = await UserAsync("alice");
        await WriteAsync(alice, Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0, properties: """{"role":"analyst"}"""));
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.Equal(0, await session.Relations.InsertAsync([Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0)], None));
            await session.CommitAsync(None);
        }

        var fromAda = Assert.Single(await HoldingAsync(alice, Day0.AddDays(1), "ent_ada"));
        var fromEngines = Assert.Single(await HoldingAsync(alice, Day0.AddDays(1), "ent_engines"));
        Assert.Equal(fromAda, fromEngines);
        Assert.Equal("""{"role":"analyst"}""", fromAda.PropertiesJson);
        Assert.Single(await HoldingAsync(alice, Day0.AddDays(1), "ent_ada", "ent_engines"));
        Assert.Empty(await HoldingAsync(alice, Day0.AddDays(-1), "ent_ada"));
    }

    [Fact]
    public async Task TheHighestPriorityWinsThenTheLatestAndAnEndOrARetractionCountsFromItsTime()
    {
        var alice = await UserAsync("alice");
        await WriteAsync(alice,
            Observed("rel_a", "ent_bob", "reports_to", "ent_carol", Day0, validFrom: Day0.AddDays(-365)),
            // Ended on day 10, written on day 10: last year's view still shows the relation, today's does not.
            Observed("rel_b", "ent_bob", "reports_to", "ent_carol", Day0.AddDays(10), validFrom: Day0.AddDays(-365), validTo: Day0.AddDays(10)),
            Observed("rel_c", "ent_ada", "knows", "ent_bob", Day0, priority: 1000),
            // Lower priority, later: loses to the correction-priority assertion.
            Observed("rel_d", "ent_ada", "knows", "ent_bob", Day0.AddDays(1), state: RelationStates.Retracted),
            Observed("rel_e", "ent_ada", "likes", "ent_bob", Day0),
            Observed("rel_f", "ent_ada", "likes", "ent_bob", Day0.AddDays(5), state: RelationStates.Retracted));

        // The end, stated from the same valid_from, is the relation's latest word even about the time before it was written.
        Assert.Equal("rel_b", Assert.Single(await HoldingAsync(alice, Day0.AddDays(-100), "ent_carol")).Id);
        Assert.Equal("rel_b", Assert.Single(await HoldingAsync(alice, Day0.AddDays(5), "ent_carol")).Id);
        Assert.Empty(await HoldingAsync(alice, Day0.AddDays(-400), "ent_carol"));
        Assert.Empty(await HoldingAsync(alice, Day0.AddDays(11), "ent_carol"));

        var atDay3 = await HoldingAsync(alice, Day0.AddDays(3), "ent_ada");
        Assert.Equal(["knows", "likes"], atDay3.Select(r => r.RelationType).Order().ToArray());
        var atDay6 = await HoldingAsync(alice, Day0.AddDays(6), "ent_ada");
        Assert.Equal("rel_c", Assert.Single(atDay6).Id);
    }

    [Fact]
    public async Task AMergeMovesTheEndsAndFoldsDuplicatesAndTheUnmergeMovesThemBack()
    {
        var alice = await UserAsync("alice");
        await WriteAsync(alice,
            Observed("rel_1", "ent_ada", "member_of", "ent_club", Day0),
            Observed("rel_2", "ent_ada_copy", "member_of", "ent_club", Day0.AddDays(1)),
            Observed("rel_3", "ent_bob", "knows", "ent_ada_copy", Day0));
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.Equal(2, await session.Relations.MoveEndpointsAsync("ent_ada_copy", "ent_ada", None));
            await session.CommitAsync(None);
        }
        var merged = await HoldingAsync(alice, Day0.AddDays(2), "ent_ada");
        Assert.Equal(2, merged.Count);
        Assert.Equal("rel_2", merged.Single(r => r.RelationType == "member_of").Id);
        Assert.Equal("ent_ada", merged.Single(r => r.RelationType == "knows").ToEntityId);

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.Equal(2, await session.Relations.RestoreEndpointsAsync("ent_ada_copy", "ent_ada", None));
            await session.CommitAsync(None);
        }
        Assert.Equal("rel_1", Assert.Single(await HoldingAsync(alice, Day0.AddDays(2), "ent_ada")).Id);
        Assert.Equal(2, (await HoldingAsync(alice, Day0.AddDays(2), "ent_ada_copy")).Count);
    }

    [Fact]
    public async Task DeletingAnEntityForGoodDeletesEveryRelationItIsAnEndOf()
    {
        var alice = await UserAsync("alice");
        await WriteAsync(alice,
            Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0),
            Observed("rel_2", "ent_bob", "knows", "ent_ada", Day0),
            Observed("rel_3", "ent_bob", "knows", "ent_carol", Day0));
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Entities.DeleteAsync(["ent_ada"], None);
            await session.CommitAsync(None);
        }
        Assert.Empty(await HoldingAsync(alice, Day0.AddDays(1), "ent_ada", "ent_engines"));
        Assert.Equal("rel_3", Assert.Single(await HoldingAsync(alice, Day0.AddDays(1), "ent_bob")).Id);
    }

    [Fact]
    public async Task AnotherUsersSessionSeesMovesAndListsNone()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await WriteAsync(alice, Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0));

        Assert.Empty(await HoldingAsync(bob, Day0.AddDays(1), "ent_ada", "ent_engines"));
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            Assert.Equal(0, await session.Relations.MoveEndpointsAsync("ent_ada", "ent_bobs", None));
            Assert.Empty(await session.Relations.HistoryAsync("ent_ada", "works_at", "ent_engines", None));
            Assert.Empty(await session.Relations.ListTextAsync(["ent_ada", "ent_engines"], Day0.AddDays(1), 10, None));
            Assert.Null(await session.Relations.TextOfAsync("ent_ada", "works_at", "ent_engines", Day0.AddDays(1), None));
            await session.CommitAsync(None);
        }
        Assert.Single(await HoldingAsync(alice, Day0.AddDays(1), "ent_ada"));
    }

    [Fact]
    public async Task RelationsOfSomeEntitiesListAsTextNewestFirstBoundedWithTheirHistoryKept()
    {
        var alice = await UserAsync("alice");
        await WriteAsync(alice,
            Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0),
            Observed("rel_2", "ent_ada", "knows", "ent_bob", Day0.AddDays(1), properties: """{"since":"school"}"""),
            Observed("rel_3", "ent_ada", "works_at", "ent_engines", Day0.AddDays(2), validTo: Day0.AddDays(2)),
            Observed("rel_4", "ent_carol", "knows", "ent_dave", Day0.AddDays(1)),
            Observed("rel_5", "ent_eve", "knows", "ent_bob", Day0.AddDays(0.5)));

        await using var session = await Store.OpenReadAsync(alice, None);
        var text = await session.Relations.ListTextAsync(["ent_ada"], Day0.AddDays(3), 10, None);
        var only = Assert.Single(text);
        Assert.Equal("ent_ada knows ent_bob", only.Text);
        Assert.Equal(("rel_2", "run_rel_2", "src_1", """{"since":"school"}"""), (only.ObservationId, only.RunId, only.SourceId, only.PropertiesJson));
        Assert.Equal(["rel_1", "rel_3"], (await session.Relations.HistoryAsync("ent_ada", "works_at", "ent_engines", None)).Select(r => r.Id).ToArray());
        Assert.Equal(2, (await session.Relations.ListTextAsync(["ent_ada"], Day0.AddDays(1.5), 10, None)).Count);

        // Either end finds a relation, once; newest first; the limit bounds the read.
        Assert.Equal(["rel_2", "rel_5"], (await session.Relations.ListTextAsync(["ent_bob", "ent_ada"], Day0.AddDays(3), 10, None))
            .Select(r => r.ObservationId).ToArray());
        Assert.Equal(["rel_2"], (await session.Relations.ListTextAsync(["ent_bob"], Day0.AddDays(3), 1, None)).Select(r => r.ObservationId).ToArray());

        // One relation read back by its ends and type: the winning observation while it holds, nothing once it is ended.
        Assert.Equal("rel_1", (await session.Relations.TextOfAsync("ent_ada", "works_at", "ent_engines", Day0.AddDays(1), None))?.ObservationId);
        Assert.Null(await session.Relations.TextOfAsync("ent_ada", "works_at", "ent_engines", Day0.AddDays(3), None));
        Assert.Null(await session.Relations.TextOfAsync("ent_ada", "works_at", "ent_bob", Day0.AddDays(1), None));
    }
    [Fact]
    public async Task RelationsAreFoundByTheirOwnWordsAtTheTimeAskedThroughMergesAndDeletesAndNeverAnotherUsers()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await WriteAsync(alice,
            Observed("rel_1", "ent_ada", "works_at", "ent_engines", Day0),
            Observed("rel_2", "ent_carol", "reports_to", "ent_bob", Day0.AddHours(1), properties: """{"team":"Archives","floor":3}"""),
            Observed("rel_3", "ent_carol", "reports_to", "ent_bob", Day0.AddDays(5), state: RelationStates.Retracted),
            Observed("rel_4", "ent_dave", "knows", "ent_eve", Day0));
        string[] Words(string text) => Strata.Core.Recall.RecallTerms.Of(text).Distinct().ToArray();

        async Task<RelationTermMatches> FindAsync(string userId, string words, DateTimeOffset at, int postings = 100, int limit = 10)
        {
            await using var session = await Store.OpenReadAsync(userId, None);
            return await session.Relations.FindByTermsAsync(Words(words), at, postings, limit, None);
        }

        // A property value (analysed: "archive" finds "Archives"), a number, the type's words: no end named.
        var archives = await FindAsync(alice, "archive", Day0.AddDays(1));
        var found = Assert.Single(archives.Relations);
        Assert.Equal(("ent_carol", "reports_to", "ent_bob", "rel_2"), (found.FromEntityId, found.RelationType, found.ToEntityId, found.ObservationId));
        Assert.False(archives.PostingsCut);
        Assert.Equal("rel_2", Assert.Single((await FindAsync(alice, "3", Day0.AddDays(1))).Relations).ObservationId);
        Assert.Equal("rel_1", Assert.Single((await FindAsync(alice, "work", Day0.AddDays(1))).Relations).ObservationId);
        Assert.Empty((await FindAsync(alice, "engines nobody", Day0.AddDays(1))).Relations);
        // Retracted on day 5: left out after, found as of before.
        Assert.Empty((await FindAsync(alice, "archive", Day0.AddDays(6))).Relations);
        // Newest first, both bounds kept: the limit on relations, the postings read on the index (and said).
        Assert.Equal(["rel_2", "rel_1"], (await FindAsync(alice, "work report", Day0.AddDays(1))).Relations.Select(r => r.ObservationId).ToArray());
        Assert.Equal(["rel_2"], (await FindAsync(alice, "work report", Day0.AddDays(1), limit: 1)).Relations.Select(r => r.ObservationId).ToArray());
        var cut = await FindAsync(alice, "work report", Day0.AddDays(1), postings: 1);
        Assert.True(cut.PostingsCut);
        Assert.True(cut.Relations.Count <= 1);
        Assert.False((await FindAsync(alice, "work report", Day0.AddDays(1), postings: 3)).PostingsCut);

        // Another user finds nothing by Alice's words, and writes of his own do not mix.
        Assert.Empty((await FindAsync(bob, "archive work report", Day0.AddDays(1))).Relations);
        await WriteAsync(bob, Observed("rel_b1", "ent_x", "works_at", "ent_y", Day0));
        Assert.Equal(["rel_b1"], (await FindAsync(bob, "work archive", Day0.AddDays(1))).Relations.Select(r => r.ObservationId).ToArray());

        // A merge moves the ends the words find (the index names observations, not ends); an unmerge moves them back.
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Relations.MoveEndpointsAsync("ent_bob", "ent_robert", None);
            await session.CommitAsync(None);
        }
        Assert.Equal("ent_robert", Assert.Single((await FindAsync(alice, "archive", Day0.AddDays(1))).Relations).ToEntityId);
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Relations.RestoreEndpointsAsync("ent_bob", "ent_robert", None);
            await session.CommitAsync(None);
        }
        Assert.Equal("ent_bob", Assert.Single((await FindAsync(alice, "archive", Day0.AddDays(1))).Relations).ToEntityId);

        // Forgetting an end for good forgets its relations' words.
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Entities.DeleteAsync(["ent_carol"], None);
            await session.CommitAsync(None);
        }
        Assert.Empty((await FindAsync(alice, "archive 3", Day0.AddDays(1))).Relations);
        Assert.Equal("rel_1", Assert.Single((await FindAsync(alice, "work report", Day0.AddDays(1))).Relations).ObservationId);
    }
}
