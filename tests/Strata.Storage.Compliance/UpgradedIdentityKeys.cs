using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose identity keys were written before their compact layout (SQLite 0032, PostgreSQL 0300) must answer
/// once upgraded, on either database: usr_a's keys <paramref name="email"/> (ent_1) and <paramref name="name"/> (ent_1,
/// ent_2) and usr_b's <paramref name="email"/> (ent_3) as they were written, then later removals and additions followed.
/// </summary>
public static class UpgradedIdentityKeys
{
    public static async Task FindTheSameHoldersAndFollowLaterWritesAsync(IStrataStore store, string email, string name)
    {
        Assert.Equal(Sorted((email, "ent_1", "contact"), (name, "ent_1", "contact"), (name, "ent_2", "contact")), await HoldersAsync(store, "usr_a", email, name));
        Assert.Equal([(email, "ent_3", "contact")], await HoldersAsync(store, "usr_b", email, name));

        // The keys follow later writes: an entity's keys go with it and come back when added again.
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            await session.EntityKeys.RemoveEntityAsync("ent_1", CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        Assert.Equal([(name, "ent_2", "contact")], await HoldersAsync(store, "usr_a", email, name));
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            await session.EntityKeys.AddAsync([new(email, "ent_2", "contact"), new(name, "ent_2", "contact")], CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        Assert.Equal(Sorted((email, "ent_2", "contact"), (name, "ent_2", "contact")), await HoldersAsync(store, "usr_a", email, name));
        Assert.Equal([(email, "ent_3", "contact")], await HoldersAsync(store, "usr_b", email, name));
    }

    private static List<(string, string, string)> Sorted(params (string, string, string)[] holders) => holders.Order().ToList();

    private static async Task<List<(string, string, string)>> HoldersAsync(IStrataStore store, string userId, params string[] hashes)
    {
        await using var session = await store.OpenReadAsync(userId, CancellationToken.None);
        var holders = await session.EntityKeys.FindAsync(hashes, CancellationToken.None);
        return holders.Select(h => (h.KeyHash, h.EntityId, h.EntityType)).Order().ToList();
    }
}
