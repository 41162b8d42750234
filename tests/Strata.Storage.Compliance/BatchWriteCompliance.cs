using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Observations;
using Strata.Core.Runs;
using Strata.Core.Snapshots;
using Strata.Core.Sources;

namespace Strata.Storage.Compliance;

/// <summary>The contract of the multi-row writes a batch of records uses: new entities go in all or none (so a batch
/// that raced a concurrent writer can be redone record by record), and observations report exactly the ids they added.</summary>
public abstract class BatchWriteCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_batch_of_new_entities_goes_in_whole_or_not_at_all_and_is_searchable_once_its_snapshots_are_saved()
    {
        var alice = await UserAsync("alice");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.True(await session.Entities.InsertAsync(Entity(alice, "ent_taken"), None));
            await session.CommitAsync(None);
        }

        // 45 rows: more than one statement's worth, in chunks of several sizes.
        var fresh = Enumerable.Range(0, 45).Select(i => New(alice, $"ent_new{i:00}", $"person{i:00} zebrafinch")).ToList();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.False(await session.Entities.InsertAllAsync([.. fresh.Take(20), New(alice, "ent_taken", "taken"), .. fresh.Skip(20)], None));
            Assert.Empty(await session.Entities.GetManyAsync(fresh.Select(f => f.Entity.Id).ToList(), None));

            Assert.True(await session.Entities.InsertAllAsync(fresh, None));
            await session.Entities.SaveSnapshotsAsync(
                fresh.Select(f => new PreparedSnapshot(f.FirstSnapshot, f.SearchText, [])).ToList(), None);
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        Assert.Equal(45, (await read.Entities.GetManyAsync(fresh.Select(f => f.Entity.Id).ToList(), None)).Count);
        var snapshot = await read.Entities.GetSnapshotAsync("ent_new07", None);
        Assert.Equal("person07 zebrafinch", snapshot!.Fields["name"].GetString());
        var found = await read.Entities.QueryAsync(new EntityQuery(null, "zebrafinch", false, new Paging(Limit: 100, IncludeTotal: true)), None);
        Assert.Equal(45, found.Total);
        Assert.Equal(["ent_new07"], (await read.Entities.QueryAsync(new EntityQuery(null, "person07", false, new Paging()), None))
            .Items.Select(s => s.EntityId));
    }

    [Fact]
    public async Task Observations_written_together_report_exactly_the_ids_they_added_and_keep_their_order()
    {
        var alice = await UserAsync("alice");
        var now = Clock.GetUtcNow();
        var run = new Run("run_batch", alice, "src_batch", "rules", "1", "{}", "hash", RunStatuses.Running, 0, 0, 0, null, now, now, null, now);
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Sources.InsertAsync(new Source("src_batch", alice, new string('b', 64), 10, "application/json", "f.json",
                StorageStatuses.Uploaded, now), None);
            Assert.True(await session.Runs.InsertAsync(run, None));
            Assert.True(await session.Entities.InsertAsync(Entity(alice, "ent_obs"), None));
            var first = await session.Observations.InsertAllAsync([Observed(alice, "obs_1", now), Observed(alice, "obs_2", now), Observed(alice, "obs_1", now)], None);
            Assert.Equal(["obs_1", "obs_2"], first.Order(StringComparer.Ordinal));
            var again = await session.Observations.InsertAllAsync([Observed(alice, "obs_2", now), Observed(alice, "obs_3", now)], None);
            Assert.Equal(["obs_3"], again);
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        Assert.Equal(["obs_1", "obs_2", "obs_3"], (await read.Observations.ListForEntityAsync("ent_obs", null, None)).Select(o => o.Id));
    }

    [Fact]
    public async Task Observations_of_many_entities_come_each_in_order_as_of_a_time_and_never_another_users()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var now = Clock.GetUtcNow();
        var later = now.AddMinutes(1);
        foreach (var user in new[] { alice, bob })
        {
            await using var session = await Store.OpenWriteAsync(user, None);
            await session.Sources.InsertAsync(new Source("src_batch_" + user, user, new string('c', 64), 10, "application/json", "f.json",
                StorageStatuses.Uploaded, now), None);
            Assert.True(await session.Runs.InsertAsync(new Run("run_batch_" + user, user, "src_batch_" + user, "rules", "1", "{}", "hash",
                RunStatuses.Running, 0, 0, 0, null, now, now, null, now), None));
            var entities = user == alice ? new[] { "ent_a", "ent_b" } : ["ent_bob"];
            foreach (var id in entities) Assert.True(await session.Entities.InsertAsync(Entity(user, id), None));
            Observation On(string entityId, string id, DateTimeOffset at) =>
                Observed(user, id, at) with { EntityId = entityId, SourceId = "src_batch_" + user, RunId = "run_batch_" + user };
            List<Observation> written = user == alice
                ? [On("ent_a", "obs_a1", now), On("ent_b", "obs_b1", now), On("ent_a", "obs_a2", later), On("ent_b", "obs_b2", later)]
                : [On("ent_bob", "obs_bob", now)];
            Assert.Equal(written.Count, (await session.Observations.InsertAllAsync(written, None)).Count);
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        string[] asked = ["ent_b", "ent_bob", "ent_missing", "ent_a"];
        var all = await read.Observations.ListForEntitiesAsync(asked, null, None);
        Assert.Equal(["obs_a1", "obs_a2"], all.Where(o => o.EntityId == "ent_a").Select(o => o.Id));
        Assert.Equal(["obs_b1", "obs_b2"], all.Where(o => o.EntityId == "ent_b").Select(o => o.Id));
        Assert.Equal(4, all.Count); // Bob's entity answers as a missing one: nothing
        var then = await read.Observations.ListForEntitiesAsync(asked, now, None);
        Assert.Equal(["obs_a1", "obs_b1"], then.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await read.Observations.ListForEntitiesAsync([], null, None));
    }

    private Entity Entity(string userId, string id) => new(id, userId, "contact", id, null, null, Clock.GetUtcNow());

    private NewEntity New(string userId, string id, string name)
    {
        var fields = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(name) };
        var entity = Entity(userId, id) with { CanonicalName = name };
        return new NewEntity(entity, new Snapshot(id, "contact", name, fields, new Dictionary<string, string> { ["name"] = "obs_" + id }, 1,
            Clock.GetUtcNow(), null), name);
    }

    private static Observation Observed(string userId, string id, DateTimeOffset at) => new(id, userId, "ent_obs", "src_batch", "run_batch",
        ObservationKinds.Structured, "entities[0]", 100, ObservationStates.Accepted,
        new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(id) }, null, at, at);
}
