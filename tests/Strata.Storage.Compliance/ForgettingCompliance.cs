using System.Text.Json;
using Strata.Core;
using Strata.Core.Deletions;
using Strata.Core.Entities;
using Strata.Core.Entities.Splits;
using Strata.Core.Llm;
using Strata.Core.Memory.Sections;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>The contract of the forgetting removals of <see cref="IDeletionStore"/>: each deletes exactly the rows it
/// names with what refers to them (evidence, items, fragments), answers which entities are left to settle, and never
/// reaches another user's rows, even by the same ids.</summary>
public abstract class ForgettingCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>For <paramref name="user"/>: a source with one run of two items that observed ent_a (twice) and ent_b,
    /// quoting each value, and kept a raw fragment on each entity.</summary>
    private async Task WorldAsync(string user, string prefix)
    {
        var now = Clock.GetUtcNow();
        await using var session = await Store.OpenWriteAsync(user, None);
        await session.Sources.InsertAsync(new Source($"src_{prefix}", user, new string(prefix[0], 64), 10, "text/plain", null, StorageStatuses.Uploaded, now), None);
        await session.Runs.InsertAsync(new Run($"run_{prefix}", user, $"src_{prefix}", "rules", "1", "{}", "h", RunStatuses.Completed, 2, 3, 0, null, now, now, now, now), None);
        await session.RunItems.InsertManyAsync([RunItem.Pending($"run_{prefix}", 0, 0, 5, now), RunItem.Pending($"run_{prefix}", 1, 5, 5, now)], None);
        foreach (var entity in new[] { "a", "b" })
        {
            await session.Entities.InsertAsync(new Entity($"ent_{prefix}_{entity}", user, "contact", entity, null, null, now), None);
        }
        var observations = new[] { ("1", "a"), ("2", "a"), ("3", "b") };
        foreach (var (id, entity) in observations)
        {
            await session.Observations.InsertAsync(Observed($"obs_{prefix}_{id}", user, $"ent_{prefix}_{entity}", $"run_{prefix}", $"src_{prefix}"), None);
            await session.Evidence.InsertManyAsync([new ObservationEvidence($"obs_{prefix}_{id}", "name", $"run_{prefix}", 0, "Ada", true, 0, 3, "exact")], None);
        }
        foreach (var entity in new[] { "a", "b" })
        {
            await session.Observations.InsertRawFragmentAsync(new RawFragment($"raw_{prefix}_{entity}", user, $"src_{prefix}", $"run_{prefix}", $"ent_{prefix}_{entity}",
                "shoe_size", JsonSerializer.SerializeToElement(42), "unknown_field", now), None);
        }
        await session.CommitAsync(None);
    }

    private Observation Observed(string id, string user, string entityId, string runId, string sourceId) => new(id, user, entityId, sourceId, runId,
        ObservationKinds.Interpretation, id, 0, ObservationStates.Accepted, new Dictionary<string, JsonElement>(), null, Clock.GetUtcNow(), Clock.GetUtcNow());

    [Fact]
    public async Task OneObservationGoesWithItsEvidenceAndNamesItsEntity()
    {
        var alice = await UserAsync("alice");
        await WorldAsync(alice, "x");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var removed = await session.Deletions.DeleteObservationsAsync(ObservationSelection.One("obs_x_1"), None);
            Assert.Equal((1, 1, 0), (removed.Observations, removed.Evidence, removed.BlockValues));
            Assert.Equal(["ent_x_a"], removed.Entities);
            // ent_x_a keeps obs_x_2 from the same run: its fragment stays.
            Assert.Equal(0, await session.Deletions.DeleteUnobservedFragmentsAsync("run_x", "ent_x_a", None));
            await session.CommitAsync(None);
        }
        await using var read = await Store.OpenReadAsync(alice, None);
        Assert.Null(await read.Observations.GetAsync("obs_x_1", None));
        Assert.NotNull(await read.Observations.GetAsync("obs_x_2", None));
        Assert.Empty(await read.Evidence.ListForObservationAsync("obs_x_1", None));
        Assert.Single(await read.Evidence.ListForObservationAsync("obs_x_2", None));
        Assert.Equal(2, (await read.Observations.ListRawFragmentsAsync("run_x", None)).Count);
    }

    [Fact]
    public async Task AnEntitysObservationsAndFragmentsGoAndNothingOfAnotherEntity()
    {
        var alice = await UserAsync("alice");
        await WorldAsync(alice, "x");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var removed = await session.Deletions.DeleteObservationsAsync(ObservationSelection.OnEntity("ent_x_a"), None);
            Assert.Equal((2, 2), (removed.Observations, removed.Evidence));
            Assert.Equal(["ent_x_a"], removed.Entities);
            Assert.Equal(1, await session.Deletions.DeleteFragmentsOfEntityAsync("ent_x_a", None));
            Assert.Equal(0, await session.Deletions.ForgetFirstWriterAsync("ent_x_a", None)); // never split
            await session.CommitAsync(None);
        }
        await using var read = await Store.OpenReadAsync(alice, None);
        Assert.Empty(await read.Observations.ListForEntityAsync("ent_x_a", null, None));
        Assert.Single(await read.Observations.ListForEntityAsync("ent_x_b", null, None));
        Assert.Equal(["raw_x_b"], (await read.Observations.ListRawFragmentsAsync("run_x", None)).Select(f => f.Id));
    }

    [Fact]
    public async Task ARunOfASourceGoesWithItsItemsFragmentsAndObservations()
    {
        var alice = await UserAsync("alice");
        await WorldAsync(alice, "x");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.Equal([new SourceRun("run_x", RunStatuses.Completed)], await session.Deletions.RunsOfSourceAsync("src_x", None));
            var observations = await session.Deletions.DeleteObservationsAsync(ObservationSelection.OfRun("run_x"), None);
            Assert.Equal((3, 3), (observations.Observations, observations.Evidence));
            Assert.Equal(["ent_x_a", "ent_x_b"], observations.Entities.Order());
            Assert.Equal(new RemovedRunRest(2, 2, true), await session.Deletions.DeleteRunAsync("run_x", None));
            Assert.True(await session.Sources.DeleteAsync("src_x", None));
            await session.CommitAsync(None);
        }
        await using var read = await Store.OpenReadAsync(alice, None);
        Assert.Null(await read.Runs.GetAsync("run_x", None));
        Assert.Null(await read.Sources.GetAsync("src_x", None));
        Assert.Empty((await read.RunItems.ListAsync("run_x", null, new Paging(10), None)).Items);
        Assert.Empty(await read.Observations.ListRawFragmentsAsync("run_x", None));
        Assert.Empty(await read.Deletions.RunsOfSourceAsync("src_x", None));
    }

    [Fact]
    public async Task ObservationsSplitAwayFromAForgottenEntityCountAsFirstWrittenWhereTheyAre()
    {
        var alice = await UserAsync("alice");
        await WorldAsync(alice, "x");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Splits.MoveAsync(["obs_x_2"], "ent_x_a", "ent_x_b", None);
            await session.Splits.InsertAsync(new SplitRecord("spl_1", alice, "ent_x_a", "ent_x_b", null, null, 1, Clock.GetUtcNow()), None);
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var a = (await session.Entities.GetAsync("ent_x_a", None))!;
            await session.Deletions.DeleteObservationsAsync(ObservationSelection.OnEntity("ent_x_a"), None);
            Assert.True(await session.Entities.IsObservedAsync(a, None)); // obs_x_2 was first written to it
            Assert.Equal(1, await session.Deletions.ForgetFirstWriterAsync("ent_x_a", None));
            Assert.False(await session.Entities.IsObservedAsync(a, None));
            Assert.True(await session.Entities.IsObservedAsync((await session.Entities.GetAsync("ent_x_b", None))!, None));
            await session.CommitAsync(None);
        }
    }

    [Fact]
    public async Task NoRemovalReachesAnotherUsersRows()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await WorldAsync(alice, "x");
        await WorldAsync(bob, "y");
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            await session.ChatImports.SaveGeneratedAsync([new GeneratedSection(GeneratedSections.Summary, "Bob's", GeneratedSections.Generated, null, null,
                "m", 1, Clock.GetUtcNow())], None);
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Deletions.LockSourceAsync("src_y", None);
            Assert.Empty(await session.Deletions.RunsOfSourceAsync("src_y", None));
            Assert.Equal(0, (await session.Deletions.DeleteObservationsAsync(ObservationSelection.One("obs_y_1"), None)).Observations);
            Assert.Equal(0, (await session.Deletions.DeleteObservationsAsync(ObservationSelection.OnEntity("ent_y_a"), None)).Observations);
            Assert.Equal(0, (await session.Deletions.DeleteObservationsAsync(ObservationSelection.OfRun("run_y"), None)).Observations);
            Assert.Equal(new RemovedRunRest(0, 0, false), await session.Deletions.DeleteRunAsync("run_y", None));
            Assert.Equal(0, await session.Deletions.DeleteFragmentsOfEntityAsync("ent_y_a", None));
            Assert.Equal(0, await session.Deletions.DeleteUnobservedFragmentsAsync("run_y", "ent_y_a", None));
            Assert.Equal(0, await session.Deletions.DeleteConversationsOfSourceAsync("src_y", None));
            Assert.Equal(0, await session.Deletions.DeleteGeneratedMemoryAsync(None));
            await session.CommitAsync(None);
        }
        await using var read = await Store.OpenReadAsync(bob, None);
        Assert.Equal(2, (await read.Observations.ListForEntityAsync("ent_y_a", null, None)).Count);
        Assert.Equal(3, (await read.Evidence.ListForRunAsync("run_y", new Paging(10), None)).Total);
        Assert.Equal(2, (await read.RunItems.ListAsync("run_y", null, new Paging(10), None)).Items.Count);
        Assert.Equal(2, (await read.Observations.ListRawFragmentsAsync("run_y", None)).Count);
        Assert.NotNull(await read.Runs.GetAsync("run_y", None));
        Assert.Single(await read.ChatImports.ListGeneratedAsync(None));
    }
}
