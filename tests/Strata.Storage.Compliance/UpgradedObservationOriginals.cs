using System.Text.Json;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose observations were written before migration 0460 (either database: an observation names the entity
/// it was first written to only while it is elsewhere) must answer once upgraded, and how its rows follow later moves.
/// usr_a holds run_1 with ent_1 (obs_1, written to it), ent_2 (obs_2, written to it, and obs_3, written to ent_3, which
/// was merged into ent_2) and ent_3; usr_b holds ent_4 with obs_4. <c>storedOriginals</c> reads every row's
/// original_entity_id as the row keeps it ("id:original ..." in seq order).
/// </summary>
public static class UpgradedObservationOriginals
{
    public static async Task GiveTheSameAnswersAndFollowMovesAsync(IStrataStore store, Func<Task<string>> storedOriginals)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1767225603000);
        Assert.Equal("obs_1@ent_1<ent_1 obs_2@ent_2<ent_2 obs_3@ent_2<ent_3 | run: ent_1/obs_1,ent_2/obs_2,ent_3/obs_3 (3) | ent_2 from ent_3: obs_3",
            await ReadBackAsync(store));
        Assert.Equal("obs_1: obs_2: obs_3:ent_3 obs_4:", await storedOriginals());
        await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Equal(["obs_4"], (await other.Observations.ListForEntityAsync("ent_4", null, CancellationToken.None)).Select(o => o.Id));
            Assert.Empty(await other.Splits.FirstWrittenToAsync("ent_2", ["ent_3"], CancellationToken.None));
        }

        // ent_1's observation moves to ent_2 (a merge) and takes its first entity with it; a new observation keeps ''.
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(1, await session.Observations.MoveAsync("ent_1", "ent_2", CancellationToken.None));
            Assert.True(await session.Observations.InsertAsync(new("obs_5", "usr_a", "ent_2", null, "run_1", "structured", "index:3", 100, "accepted",
                new Dictionary<string, JsonElement>(), null, at, at), CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        Assert.Equal("obs_1:ent_1 obs_2: obs_3:ent_3 obs_4: obs_5:", await storedOriginals());
        Assert.Equal("obs_1@ent_2<ent_1 obs_2@ent_2<ent_2 obs_3@ent_2<ent_3 obs_5@ent_2<ent_2 | run: ent_1/obs_1,ent_2/obs_2,ent_3/obs_3 (3) | ent_2 from ent_3: obs_3",
            await ReadBackAsync(store));

        // Split back: obs_1 returns to ent_1 and keeps '' again, as obs_3 on ent_3.
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(1, await session.Splits.MoveAsync(["obs_1"], "ent_2", "ent_1", CancellationToken.None));
            Assert.Equal(1, await session.Splits.MoveAsync(["obs_3"], "ent_2", "ent_3", CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        Assert.Equal("obs_1: obs_2: obs_3: obs_4: obs_5:", await storedOriginals());
        Assert.Equal("obs_1@ent_1<ent_1 obs_2@ent_2<ent_2 obs_3@ent_3<ent_3 obs_5@ent_2<ent_2 | run: ent_1/obs_1,ent_2/obs_2,ent_3/obs_3 (3) | ent_2 from ent_3: ",
            await ReadBackAsync(store));
    }

    /// <summary>The archive's rows (id@entity&lt;original), the run's entities and what of ent_3's is on ent_2.</summary>
    private static async Task<string> ReadBackAsync(IStrataStore store)
    {
        await using var session = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var archived = new List<string>();
        await foreach (var row in session.Archive.ReadAsync("observations", CancellationToken.None))
        {
            var values = row.Values.ToDictionary(v => v.Key, v => v.Value);
            archived.Add($"{values["id"]}@{values["entity_id"]}<{values["original_entity_id"]}");
        }
        var (run, total) = await session.Observations.EntitiesOfRunAsync("run_1", 10, CancellationToken.None);
        var firstWritten = await session.Splits.FirstWrittenToAsync("ent_2", ["ent_3"], CancellationToken.None);
        return string.Join(" ", archived) + " | run: " + string.Join(",", run.Select(r => r.EntityId + "/" + r.ObservationId)) + $" ({total})" +
            " | ent_2 from ent_3: " + string.Join(",", firstWritten);
    }
}
