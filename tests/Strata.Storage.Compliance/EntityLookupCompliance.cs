using Strata.Core.Entities;

namespace Strata.Storage.Compliance;

/// <summary>The contract of <see cref="IEntityStore.GetManyAsync"/>: the entities that exist among those asked for,
/// only the session user's, whatever else is in the list.</summary>
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
}
