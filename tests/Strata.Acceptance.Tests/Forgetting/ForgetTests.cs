using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Usage;

namespace Strata.Acceptance.Tests.Forgetting;

/// <summary>A user deletes a contact, one observation and a mistaken upload (issue 24, item 6): each answer counts what
/// went, the audit keeps ids and counts only, no answer shows a trace of it afterwards, another user's data is
/// untouched, and a later write creates it anew with the same answers as the first time.</summary>
public sealed class ForgetTests
{
    private static readonly CancellationToken None = ForgetWorld.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AMistakenUploadIsForgottenWithTheEntitiesOnlyItFedAndComesBackTheSameWhenUploadedAgain(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var services = world.Strata.Services;
        var firstAnswers = await world.AnswersAsync(world.Alice);
        var bobsAnswers = await world.AnswersAsync(world.Bob);
        var jonathans = world.UploadEntityIds.Where(id => id != world.AdaId).ToList();
        Assert.Equal(2, jonathans.Count);
        Assert.Single((await services.Duplicates.ListPotentialDuplicatesAsync(world.Alice, null, false, new Paging(), None)).Duplicates);
        var bytesBefore = (await services.Usage.GetUsageAsync(world.Alice, None)).BytesStored;
        var blob = world.Strata.BlobPath(world.Alice, world.Mistake.ContentHash);
        Assert.True(File.Exists(blob));

        var deleted = await services.Forgetting.DeleteSourceAsync(world.Alice, world.Mistake.SourceId, None);

        Assert.Equal(("source", world.Mistake.SourceId, (string?)null), (deleted.Deleted, deleted.Id, deleted.Name));
        Assert.Equal((1, 1, 3, 2, 1), (deleted.Removed["sources"], deleted.Removed["runs"], deleted.Removed["observations"],
            deleted.Removed["entities"], deleted.Removed["blobs"]));
        await world.AssertNoTraceAsync(jonathans, "Jonath", "1815-12-10", "1970-01-02");
        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(
            () => services.Sources.GetSourceAsync(world.Alice, world.Mistake.SourceId, None))).Code);
        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(
            () => services.Sources.ListRunsAsync(world.Alice, world.Mistake.SourceId, new Paging(), None))).Code);
        Assert.DoesNotContain((await services.Sources.ListSourcesAsync(world.Alice, new Paging(Paging.MaxLimit), None)).Sources,
            s => s.SourceId == world.Mistake.SourceId);
        Assert.False(File.Exists(blob));
        Assert.Equal(bytesBefore - StorageCost.Of(world.Mistake.ByteSize), (await services.Usage.GetUsageAsync(world.Alice, None)).BytesStored);
        // Ada was stated by the note too: she stays, with what only the note says, her provenance pointing at it.
        var ada = await world.SnapshotAsync(world.AdaId);
        Assert.Equal(["email", "name", "phone"], ada.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.NotEqual(world.Mistake.SourceId, (await services.Entities.GetFieldProvenanceAsync(world.Alice, world.AdaId, "email", None)).Source?.SourceId);
        var audit = Assert.Single((await services.Deletions.ListAsync(world.Alice, new Paging(), None)).Deletions);
        Assert.Equal((deleted.DeletionId, "source", world.Mistake.SourceId, (string?)null), (audit.DeletionId, audit.Deleted, audit.Id, audit.Name));
        Assert.Equal(deleted.Removed.Where(r => r.Key != "blobs").ToDictionary(), audit.Removed);
        // Bob uploaded the same bytes: his source, blob and entities are his own and untouched.
        Assert.Equal(bobsAnswers, await world.AnswersAsync(world.Bob));
        Assert.True(File.Exists(world.Strata.BlobPath(world.Bob, world.BobsUpload.ContentHash)));
        Assert.Single((await services.Duplicates.ListPotentialDuplicatesAsync(world.Bob, null, false, new Paging(), None)).Duplicates);
        Assert.Contains("Jonathan Smith", (await services.Memory.RenderAsync(world.Bob, null, None)).Markdown);
        Assert.Equal(1, deleted.Removed["generated_memory_sections"]);

        var again = await world.Strata.IngestTextAsync(world.Alice, "contacts.csv", ForgetWorld.Upload, "contact");

        Assert.False(again.Deduplicated);
        Assert.True(File.Exists(blob));
        Assert.Equal(firstAnswers, await world.AnswersAsync(world.Alice));
        Assert.Equal(bytesBefore, (await services.Usage.GetUsageAsync(world.Alice, None)).BytesStored);
        Assert.Empty(EntityOrphans.Of(world.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADeletedContactLeavesNoTraceAndALaterWriteCreatesItAnew(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var services = world.Strata.Services;
        var bobsAnswers = await world.AnswersAsync(world.Bob);

        var deleted = await services.Forgetting.DeleteEntityAsync(world.Alice, world.AdaId, None);

        Assert.Equal(("entity", world.AdaId), (deleted.Deleted, deleted.Id));
        Assert.Equal((1, 2), (deleted.Removed["entities"], deleted.Removed["observations"]));
        await world.AssertNoTraceAsync([world.AdaId], "Lovelace", "ada@example.com", "7946", "1815-12-10");
        // The sources stay (they state other things too); the upload's other contacts are as they were.
        Assert.Equal(2, (await services.Sources.ListSourcesAsync(world.Alice, new Paging(), None)).Sources.Count);
        Assert.Equal(2, (await services.Entities.RetrieveAsync(world.Alice, null, null, true, false, new Paging(), None)).Entities.Count);
        Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(
            () => services.Forgetting.DeleteEntityAsync(world.Alice, world.AdaId, None))).Code);
        Assert.Equal(bobsAnswers, await world.AnswersAsync(world.Bob));

        var written = await world.Strata.StoreAsync(world.Alice, """[{"entity_type": "contact", "name": "Ada Lovelace", "email": "ada@example.com"}]""");

        Assert.Equal((world.AdaId, "created"), (written.Entities.Single().EntityId, written.Entities.Single().Action));
        Assert.Equal(["email", "name"], (await world.SnapshotAsync(world.AdaId)).Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(EntityOrphans.Of(world.Strata));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADeletedObservationIsGoneFromTheSnapshotAndTakesAnEntityNothingElseObserves(string backend)
    {
        using var world = await ForgetWorld.StartAsync(backend);
        var services = world.Strata.Services;
        var fromUpload = world.Mistake.Interpretation.Entities!.Single(e => e.EntityId == world.AdaId).ObservationId;

        var deleted = await services.Forgetting.DeleteObservationAsync(world.Alice, fromUpload, None);

        Assert.Equal(("observation", fromUpload, 1L, 0L), (deleted.Deleted, deleted.Id, deleted.Removed["observations"], deleted.Removed["entities"]));
        var ada = await world.SnapshotAsync(world.AdaId);
        Assert.Equal(["email", "name", "phone"], ada.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ErrorCodes.ObservationNotFound, (await Assert.ThrowsAsync<StrataException>(
            () => services.Forgetting.DeleteObservationAsync(world.Alice, fromUpload, None))).Code);
        Assert.DoesNotContain((await services.Entities.ListObservationsAsync(world.Alice, world.AdaId, new Paging(), None)).Observations,
            o => o.ObservationId == fromUpload);

        // Jonathon Smith has one observation: forgetting it forgets him, and his duplicate pair.
        var jonathonId = (await services.Entities.RetrieveAsync(world.Alice, null, "Jonathon", true, false, new Paging(), None)).Entities.Single().EntityId;
        var jonathon = world.Mistake.Interpretation.Entities!.Single(e => e.EntityId == jonathonId);
        var last = await services.Forgetting.DeleteObservationAsync(world.Alice, jonathon.ObservationId, None);

        Assert.Equal(1, last.Removed["entities"]);
        await world.AssertNoTraceAsync([jonathon.EntityId], "Jonathon");
        Assert.Empty((await services.Duplicates.ListPotentialDuplicatesAsync(world.Alice, null, true, new Paging(), None)).Duplicates);
        Assert.Equal(["observation", "observation"], (await services.Deletions.ListAsync(world.Alice, new Paging(), None)).Deletions.Select(d => d.Deleted));
    }
}
