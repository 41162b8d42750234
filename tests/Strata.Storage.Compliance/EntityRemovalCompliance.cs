using System.Text.Json;
using Strata.Core;
using Strata.Core.Duplicates;
using Strata.Core.Entities;
using Strata.Core.Entities.Identity;
using Strata.Core.Entities.Splits;
using Strata.Core.Observations;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IEntityStore.IsObservedAsync"/> and <see cref="IEntityStore.DeleteAsync"/>: an entity
/// is observed while an observation is on it or, after a merge or split, was first written to it; deleting one takes every
/// row that names it (search, timeline, identity and blocking keys, duplicate candidates, merges, splits) and nothing of
/// another entity or user.</summary>
public abstract class EntityRemovalCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    private Entity New(string id, string user) => new(id, user, "contact", id, null, null, Clock.GetUtcNow());

    private Observation Observed(string id, string user, string entityId) => new(id, user, entityId, null, null, ObservationKinds.Structured,
        "record:0", 100, ObservationStates.Accepted, new Dictionary<string, JsonElement>(), null, Clock.GetUtcNow(), Clock.GetUtcNow());

    private static string KeyOf(string name) => RecordIdentity.HashOf("contact", "name=" + name);

    /// <summary>A snapshot searched by <paramref name="text"/> with one timeline event, and one identity key.</summary>
    private async Task NameAsync(IStoreSession session, string entityId, string text)
    {
        var snapshot = new Snapshot(entityId, "contact", entityId, new Dictionary<string, JsonElement>(), new Dictionary<string, string>(), 0,
            Clock.GetUtcNow(), null);
        await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(snapshot, text, [new TimelineEvent(entityId, "contact", entityId, text, "birthday", "1815-12-10")]), None);
        await session.EntityKeys.AddAsync([new EntityKeyHolder(KeyOf(text), entityId, "contact")], None);
        await session.Duplicates.ReplaceKeysAsync(new EntityKeys(entityId, "contact", new HashSet<string> { "block-" + text }), Clock.GetUtcNow(), 0, None);
    }

    [Fact]
    public async Task AnEntityNothingObservesIsDeletedWithEveryRowThatNamesItAndNothingElse()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            foreach (var id in new[] { "ent_gone", "ent_kept", "ent_holder", "ent_merged" }) await session.Entities.InsertAsync(New(id, alice), None);
            await NameAsync(session, "ent_gone", "harbourside");
            await NameAsync(session, "ent_kept", "lighthouse");
            await session.Observations.InsertAsync(Observed("obs_kept", alice, "ent_kept"), None);
            // ent_merged's observation now sits on ent_holder: ent_merged is still observed through it.
            await session.Observations.InsertAsync(Observed("obs_merged", alice, "ent_merged"), None);
            await session.Observations.MoveAsync("ent_merged", "ent_holder", None);
            await session.Entities.MarkMergedAsync("ent_merged", "ent_holder", Clock.GetUtcNow(), None);
            await session.Entities.InsertMergeAsync(new MergeRecord("mrg_1", alice, "ent_gone", "ent_holder", null, 0, Clock.GetUtcNow()), None);
            await session.Splits.InsertAsync(new SplitRecord("spl_1", alice, "ent_kept", "ent_gone", "mrg_0", null, 0, Clock.GetUtcNow()), None);
            await session.Duplicates.SaveAsync([new DuplicatePair("contact", "ent_gone", "ent_kept", 0.9)], Clock.GetUtcNow(), None);
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            await session.Entities.InsertAsync(New("ent_bob", bob), None);
            await NameAsync(session, "ent_bob", "harbourside");
            await session.CommitAsync(None);
        }

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            var entities = await session.Entities.GetManyAsync(["ent_gone", "ent_kept", "ent_holder", "ent_merged"], None);
            Assert.False(await session.Entities.IsObservedAsync(entities["ent_gone"], None));
            Assert.True(await session.Entities.IsObservedAsync(entities["ent_kept"], None));
            Assert.True(await session.Entities.IsObservedAsync(entities["ent_holder"], None));
            Assert.True(await session.Entities.IsObservedAsync(entities["ent_merged"], None));
            Assert.Equal(1, await session.Entities.DeleteAsync(["ent_gone", "ent_bob"], None)); // bob's is not there for alice
            await session.CommitAsync(None);
        }

        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            Assert.Null(await read.Entities.GetAsync("ent_gone", None));
            Assert.Empty((await read.Entities.QueryAsync(new EntityQuery(null, "harbourside", true, new Paging(10)), None)).Items);
            Assert.Equal(["lighthouse"], (await read.Entities.TimelineAsync(new TimelineQuery(null, null, null, new Paging(10)), None)).Items.Select(e => e.Label));
            Assert.Equal(["ent_kept"], (await read.EntityKeys.FindAsync([KeyOf("harbourside"), KeyOf("lighthouse")], None)).Select(k => k.EntityId));
            Assert.Empty((await read.Duplicates.ListAsync(null, true, new Paging(10), None)).Items);
            Assert.Empty(await read.Entities.ListMergesAsync("ent_holder", None));
            Assert.Null(await read.Splits.UndoneByAsync("mrg_0", None));
            Assert.Single((await read.Entities.QueryAsync(new EntityQuery(null, "lighthouse", true, new Paging(10)), None)).Items);
            var moved = await read.Splits.FirstWrittenToAsync("ent_holder", ["ent_merged"], None);
            Assert.Equal(["obs_merged"], moved);
        }
        // The same id made again (a block confirmed again) starts with nothing of the entity that went.
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.True(await session.Entities.InsertAsync(New("ent_gone", alice), None));
            Assert.Null(await session.Duplicates.GetAsync("ent_gone", "ent_kept", None));
            Assert.Empty(await session.Entities.ListMergesAsync("ent_gone", None));
            Assert.Empty((await session.Entities.QueryAsync(new EntityQuery(null, "harbourside", true, new Paging(10)), None)).Items);
        }
        await using (var read = await Store.OpenReadAsync(bob, None))
        {
            Assert.Single((await read.Entities.QueryAsync(new EntityQuery(null, "harbourside", true, new Paging(10)), None)).Items);
            Assert.Single((await read.EntityKeys.FindAsync([KeyOf("harbourside")], None)));
        }
    }
}
