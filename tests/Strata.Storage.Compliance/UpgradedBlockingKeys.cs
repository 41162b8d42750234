using Strata.Core.Duplicates;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose duplicate-scan blocking keys were written three entries an entity (a marker row with the empty key,
/// then each key) must answer once their layout is compacted (SQLite 0540, PostgreSQL 0510), on either database. The
/// rows: usr_a's ent_1 keyed (n:ada, e:ada) at <see cref="First"/>, ent_2 keyed (n:ada) at <see cref="Second"/>; usr_b's
/// ent_3 keyed (n:ada) at <see cref="Other"/>; a key of usr_a whose entity is gone. Each database's test writes them in its own layout.
/// </summary>
public static class UpgradedBlockingKeys
{
    public static readonly DateTimeOffset First = new(2026, 1, 1, 0, 0, 1, TimeSpan.Zero);
    public static readonly DateTimeOffset Second = new(2026, 1, 1, 0, 0, 2, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = new(2026, 1, 1, 0, 0, 5, TimeSpan.Zero);
    public static readonly DateTimeOffset Other = new(2026, 1, 1, 0, 0, 9, TimeSpan.Zero);

    public static async Task FindTheSameBlocksAndFollowLaterScansAsync(IStrataStore store)
    {
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            // The same blocks, of this user only; the newest keyed snapshot of usr_a's (not usr_b's); nothing changed.
            Assert.Equal([new("ent_1", "ent_2")], await MatchesAsync(session, Keyed("ent_1", "n:ada")));
            Assert.Equal([new("ent_2", "ent_1")], await MatchesAsync(session, Keyed("ent_2", "e:ada")));
            Assert.Equal(Second, await session.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));
            Assert.Empty(await session.Duplicates.ChangedAsync("contact", DateTimeOffset.MinValue, null, 10, CancellationToken.None));

            // ent_1 keyed again from a later snapshot: its old keys no longer find it, its new one does.
            await session.Duplicates.ReplaceKeysAsync(Keyed("ent_1", "n:ada lovelace"), Later, 2, CancellationToken.None);
            Assert.Empty(await MatchesAsync(session, Keyed("ent_2", "n:ada", "e:ada")));
            Assert.Equal([new("ent_2", "ent_1")], await MatchesAsync(session, Keyed("ent_2", "n:ada lovelace")));
            Assert.Equal(Later, await session.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));
            // Its marker now names a snapshot the row does not have (updated at First, one observation): changed.
            Assert.Equal(["ent_1"], (await session.Duplicates.ChangedAsync("contact", DateTimeOffset.MinValue, null, 10, CancellationToken.None)).Select(e => e.Id));

            // ent_2 forgotten: its key and marker go with it.
            Assert.Equal(1, await session.Entities.DeleteAsync(["ent_2"], CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            Assert.Empty(await MatchesAsync(session, Keyed("ent_9", "n:ada")));
        }
        await using var other = await store.OpenReadAsync("usr_b", CancellationToken.None);
        Assert.Equal(Other, await other.Duplicates.KeyedUpToAsync("contact", CancellationToken.None));
        Assert.Empty(await MatchesAsync(other, Keyed("ent_3", "n:ada lovelace")));
        Assert.Equal([new("ent_9", "ent_3")], await MatchesAsync(other, Keyed("ent_9", "n:ada")));
    }

    private static EntityKeys Keyed(string id, params string[] keys) => new(id, "contact", keys.ToHashSet());

    private static async Task<IReadOnlyList<BlockMatch>> MatchesAsync(IStoreReader session, EntityKeys keyed) =>
        await session.Duplicates.BlockMatchesAsync("contact", [keyed], 10, 0, CancellationToken.None);
}
