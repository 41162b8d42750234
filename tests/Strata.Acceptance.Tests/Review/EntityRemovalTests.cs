using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>Deleting a block run (alone, or with its document, project or schema) takes the (block, schema) entities that
/// existed only by its confirmed values, with everything that refers to them, and says how many; an entity something
/// else still observes stays, its snapshot computed again without the run's values.</summary>
public sealed class EntityRemovalTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    private static Task<(ReviewFixture Review, string Document, string RunId)> RunAsync(string backend, int blocks = 4) =>
        ReviewFixture.WithRunAsync(backend, blocks);

    private static async Task<int> CountEntitiesAsync(ReviewFixture review, string? text = null) =>
        (await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, text, true, false, new Paging(Paging.MaxLimit), None)).Entities.Count;

    private static async Task AssertGoneAsync(ReviewFixture review, string entityId)
    {
        var read = await Assert.ThrowsAsync<StrataException>(() => review.Strata.Services.Entities.GetSnapshotAsync(review.User, entityId, null, None));
        Assert.Equal(ErrorCodes.EntityNotFound, read.Code);
        var provenance = await Assert.ThrowsAsync<StrataException>(() =>
            review.Strata.Services.Entities.GetFieldProvenanceAsync(review.User, entityId, "topic", None));
        Assert.Equal(ErrorCodes.EntityNotFound, provenance.Code);
    }

    private static string Stored(string blockUid, string topic) =>
        $$"""[{"entity_type":"clause-review","block_uid":{{JsonSerializer.Serialize(blockUid)}},"topic":{{JsonSerializer.Serialize(topic)}},"risk":3}]""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task DeletingARunRemovesTheEntitiesOnlyItsConfirmedValuesFedAndSaysHowManyInItsAnswerAndAudit(string backend)
    {
        var (review, _, runId) = await RunAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        var first = await services.Review.ConfirmAsync(review.User, runId, 0, None);
        var second = await services.Review.ConfirmAsync(review.User, runId, 1, None);
        var edited = await services.Review.EditAsync(review.User, runId, 2, ReviewFixture.Parse("""{"topic":"harbourside deposit","risk":5}"""), None);
        await services.Duplicates.ScanAsync(review.User, None);
        Assert.Equal(1, await CountEntitiesAsync(review, "harbourside"));

        var deleted = await services.Review.DeleteRunAsync(review.User, runId, None);

        Assert.Equal((4, 4, 3, 3), (deleted.ItemsRemoved, deleted.ValuesRemoved, deleted.ObservationsRemoved, deleted.EntitiesRemoved));
        foreach (var value in new[] { first, second, edited }) await AssertGoneAsync(review, value.EntityId!);
        Assert.Equal(0, await CountEntitiesAsync(review));
        Assert.Equal(0, await CountEntitiesAsync(review, "harbourside"));
        var audit = (await services.Deletions.ListAsync(review.User, new Paging(10), None)).Deletions.Single(d => d.Id == runId);
        Assert.Equal(3, audit.Removed["entities"]);
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ABlockConfirmedAgainAfterItsEntityWasRemovedMakesItAgainUnderTheSameIdAndIsFoundBySearch(string backend)
    {
        var (review, document, runId) = await RunAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        var first = await services.Review.EditAsync(review.User, runId, 0, ReviewFixture.Parse("""{"topic":"harbourside","risk":1}"""), None);
        await services.Review.DeleteRunAsync(review.User, runId, None);

        var again = await services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        var confirmed = await services.Review.EditAsync(review.User, again.Run.RunId, 0, ReviewFixture.Parse("""{"topic":"harbourside again","risk":2}"""), None);

        Assert.Equal(first.EntityId, confirmed.EntityId);
        var snapshot = await services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None);
        Assert.Equal((1, "harbourside again"), (snapshot.ObservationCount, snapshot.Fields["topic"].GetString()));
        Assert.Equal(1, await CountEntitiesAsync(review, "harbourside"));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnEntityAlsoStatedByStoreStaysWithItsSnapshotComputedWithoutTheRunsValues(string backend)
    {
        var (review, _, runId) = await RunAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        var confirmed = await services.Review.ConfirmAsync(review.User, runId, 0, None);
        var stored = await review.Strata.StoreAsync(review.User, Stored(confirmed.BlockUid, "stored topic"));
        Assert.Equal(confirmed.EntityId, stored.Entities.Single().EntityId);
        Assert.Equal("payment", (await services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None)).Fields["kind"].GetString());

        var deleted = await services.Review.DeleteRunAsync(review.User, runId, None);

        Assert.Equal((1, 0), (deleted.ObservationsRemoved, deleted.EntitiesRemoved));
        var snapshot = await services.Entities.GetSnapshotAsync(review.User, confirmed.EntityId!, null, None);
        Assert.Equal(1, snapshot.ObservationCount);
        Assert.Equal("stored topic", snapshot.Fields["topic"].GetString());
        Assert.False(snapshot.Fields.ContainsKey("kind")); // only the run's value said it
        Assert.Equal(1, await CountEntitiesAsync(review));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AMergedAwayEntityOfTheRunGoesWhileAnEntityHoldingAnothersObservationsStays(string backend)
    {
        var (review, _, runId) = await RunAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        var mergedAway = (await services.Review.ConfirmAsync(review.User, runId, 0, None)).EntityId!;
        var holder = (await services.Review.ConfirmAsync(review.User, runId, 1, None)).EntityId!;
        var keeper = (await review.Strata.StoreAsync(review.User, Stored("elsewhere:1", "kept by store"))).Entities.Single().EntityId;
        var brought = (await review.Strata.StoreAsync(review.User, Stored("elsewhere:2", "brought by merge"))).Entities.Single().EntityId;
        await services.Merges.MergeAsync(review.User, mergedAway, keeper, "same clause", None);
        await services.Merges.MergeAsync(review.User, brought, holder, "same clause", None);

        var deleted = await services.Review.DeleteRunAsync(review.User, runId, None);

        // The entity merged into the store's: its observation went and nothing else was ever written to it.
        Assert.Equal((2, 1), (deleted.ObservationsRemoved, deleted.EntitiesRemoved));
        await AssertGoneAsync(review, mergedAway);
        var kept = await services.Entities.GetSnapshotAsync(review.User, keeper, null, None);
        Assert.Equal((1, "kept by store"), (kept.ObservationCount, kept.Fields["topic"].GetString()));
        // The run's entity that holds a stored entity's observation by a merge stays, with that observation alone.
        var held = await services.Entities.GetSnapshotAsync(review.User, holder, null, None);
        Assert.Equal((1, "brought by merge"), (held.ObservationCount, held.Fields["topic"].GetString()));
        Assert.Equal(holder, (await services.Entities.GetSnapshotAsync(review.User, brought, null, None)).EntityId);
        Assert.Single(review.Strata.Rows("SELECT id FROM merges"));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnEntityMergedIntoARemovedOneAnswersForItselfAgainWhenWhatWasWrittenToItWasSplitOffAndSurvives(string backend)
    {
        var (review, _, runId) = await RunAsync(backend);
        await using var _ = review;
        var services = review.Strata.Services;
        var block0 = await services.Review.ConfirmAsync(review.User, runId, 0, None);
        var target = (await services.Review.ConfirmAsync(review.User, runId, 1, None)).EntityId!;
        var stored = (await review.Strata.StoreAsync(review.User, Stored(block0.BlockUid, "stored topic"))).Entities.Single();
        Assert.Equal(block0.EntityId, stored.EntityId);
        await services.Merges.MergeAsync(review.User, block0.EntityId!, target, "same clause", None);
        var split = await services.Splits.SplitAsync(review.User, target, new Core.Entities.Splits.SplitSelection([stored.ObservationId]), null, None);

        var deleted = await services.Review.DeleteRunAsync(review.User, runId, None);

        // The target held only the run's two values: it goes. Block 0's entity stays, for the stored value first written to it.
        Assert.Equal((2, 1), (deleted.ObservationsRemoved, deleted.EntitiesRemoved));
        await AssertGoneAsync(review, target);
        var reopened = await services.Entities.GetSnapshotAsync(review.User, block0.EntityId!, null, None);
        Assert.Equal((block0.EntityId, null), (reopened.EntityId, reopened.MergedInto));
        var splitOff = await services.Entities.GetSnapshotAsync(review.User, split.ToEntityId, null, None);
        Assert.Equal((1, "stored topic"), (splitOff.ObservationCount, splitOff.Fields["topic"].GetString()));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task DeletingADocumentThenItsProjectRemovesTheEntitiesOfTheirBlockRunsAndCountsThem(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        var services = review.Strata.Services;
        var lease = await review.AddDocumentAsync("lease.md", ReviewFixture.Paragraphs(3));
        await review.AddDocumentAsync("terms.md", ReviewFixture.Paragraphs(5, "The landlord"));
        await review.RegisterSchemaAsync();
        await services.Review.ApplySchemaAsync(review.User, review.ProjectId, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        await services.Review.ConfirmAllAsync(review.User, ReviewScope.Project, review.ProjectId, None);
        Assert.Equal(8, await CountEntitiesAsync(review));

        var document = await services.Deletions.DeleteDocumentAsync(review.User, lease, None);
        Assert.Equal((1, 3), (document.Removed["block_runs"], document.Removed["entities"]));
        Assert.Equal(5, await CountEntitiesAsync(review));

        var project = await services.Deletions.DeleteProjectAsync(review.User, review.ProjectId, None);
        Assert.Equal((1, 5), (project.Removed["documents"], project.Removed["entities"]));
        Assert.Equal(0, await CountEntitiesAsync(review));
        var audits = (await services.Deletions.ListAsync(review.User, new Paging(10), None)).Deletions;
        Assert.Equal(5, audits.Single(d => d.Deleted == "project").Removed["entities"]);
        Assert.Equal(3, audits.Single(d => d.Deleted == "document").Removed["entities"]);
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task DeletingASchemaWithForceRemovesTheEntitiesOfItsRuns(string backend)
    {
        var (review, _, runId) = await RunAsync(backend);
        await using var _ = review;
        await review.Strata.Services.Review.ConfirmAllAsync(review.User, ReviewScope.Run, runId, None);

        var deleted = await review.Strata.Services.BlockSchemas.DeleteAsync(review.User, ReviewFixture.SchemaRef, force: true, None);

        Assert.Equal((4, 4), (deleted.EntitiesRemoved, deleted.RunsRemoved.Single().EntitiesRemoved));
        Assert.Empty(review.Strata.Rows("SELECT id FROM entities"));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }
}
