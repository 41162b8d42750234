using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IEntityStore.GetManyAsync"/> and <see cref="IEntityReader.GetSnapshotsAsync"/>: the
/// entities (snapshots) that exist among those asked for, only the session user's, whatever else is in the list.</summary>
public abstract class EntityLookupCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ALookupFindsTheUsersOwnEntitiesAndNothingElse()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            foreach (var id in new[] { "ent_a1", "ent_a2" })
            {
                Assert.True(await session.Entities.InsertAsync(new Entity(id, alice, "contact", id, null, null, Clock.GetUtcNow()), None));
            }
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            Assert.True(await session.Entities.InsertAsync(new Entity("ent_b1", bob, "contact", "ent_b1", null, null, Clock.GetUtcNow()), None));
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        var found = await read.Entities.GetManyAsync(["ent_a1", "ent_b1", "ent_missing", "ent_a2", "it's \"quoted\""], None);
        Assert.Equal(["ent_a1", "ent_a2"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("contact", found["ent_a1"].EntityType);
        Assert.Empty(await read.Entities.GetManyAsync([], None));
    }

    [Fact]
    public async Task Snapshots_read_together_are_the_users_own_each_as_read_alone()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await AddWithSnapshotAsync(alice, ("ent_a1", "Ada Lovelace"), ("ent_a2", "Grace Hopper"), ("ent_a3", "Augusta King"));
        await AddWithSnapshotAsync(bob, ("ent_b1", "Ada Lovelace"));

        await using var read = await Store.OpenReadAsync(alice, None);
        var found = await read.Entities.GetSnapshotsAsync(["ent_a2", "ent_b1", "ent_missing", "ent_a1", "ent_a2", "it's \"quoted\""], None);
        Assert.Equal(["ent_a1", "ent_a2"], found.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, snapshot) in found)
        {
            var alone = (await read.Entities.GetSnapshotAsync(id, None))!;
            Assert.Equal((alone.EntityId, alone.EntityType, alone.CanonicalName, alone.ObservationCount, alone.UpdatedAt, alone.MergedInto),
                (snapshot.EntityId, snapshot.EntityType, snapshot.CanonicalName, snapshot.ObservationCount, snapshot.UpdatedAt, snapshot.MergedInto));
            Assert.Equal(alone.Fields["name"].GetString(), snapshot.Fields["name"].GetString());
            Assert.Equal(alone.Provenance, snapshot.Provenance);
        }
        Assert.Equal("Grace Hopper", found["ent_a2"].CanonicalName);
        Assert.Equal("obs_ent_a1", found["ent_a1"].Provenance["name"]);
        Assert.Empty(await read.Entities.GetSnapshotsAsync([], None));
    }

    private async Task AddWithSnapshotAsync(string userId, params (string Id, string Name)[] entities)
    {
        await using var session = await Store.OpenWriteAsync(userId, None);
        foreach (var (id, name) in entities)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await session.Entities.InsertAsync(new Entity(id, userId, "contact", name, null, null, Clock.GetUtcNow()), None));
            var snapshot = new Snapshot(id, "contact", name, new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(name) },
                new Dictionary<string, string> { ["name"] = "obs_" + id }, 1, Clock.GetUtcNow(), null);
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(snapshot, name.ToLowerInvariant(), []), None);
        }
        await session.CommitAsync(None);
    }
}
