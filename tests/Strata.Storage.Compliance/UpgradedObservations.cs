using System.Globalization;
using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose observations were written before their lean layout (migration 0310 on either database) must
/// answer once upgraded. usr_a holds run_1 of src_1, entities ent_1 (obs_1 from the run, obs_3 a correction with no run)
/// and ent_2 (obs_2 from the run, obs_4 naming src_2 though its run is src_1's, obs_5 naming no source though its run
/// has one); obs_1 was observed at <see cref="At1"/> (to the microsecond), obs_4 and obs_5 created at <see cref="At2"/>,
/// obs_3 at <see cref="At3"/>. usr_b holds nothing of them.
/// </summary>
public static class UpgradedObservations
{
    public const string At1 = "2026-01-01T00:00:01.123456Z", At2 = "2026-01-01T00:00:02Z", At3 = "2026-01-01T00:00:03Z";

    public static async Task GiveTheSameAnswersAndFollowLaterWritesAsync(IStrataStore store)
    {
        await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            var ada = await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None);
            Assert.Equal([("obs_1", "src_1", "run_1"), ("obs_3", null, null)], ada.Select(o => (o.Id, o.SourceId, o.RunId)));
            // Times keep their microseconds (as on PostgreSQL); the seventh digit of the old text is dropped.
            Assert.Equal(Time(At1), ada[0].ObservedAt);
            Assert.Equal(Time(At3), ada[1].CreatedAt);
            Assert.Equal("typo", ada[1].Reason);
            Assert.Equal(["obs_1"], (await session.Observations.ListForEntityAsync("ent_1", Time(At2), CancellationToken.None)).Select(o => o.Id));
            // A source other than the run's, and none although the run names one, read back as written.
            var bob = await session.Observations.ListForEntityAsync("ent_2", null, CancellationToken.None);
            Assert.Equal([("obs_2", "src_1"), ("obs_4", "src_2"), ("obs_5", null)], bob.Select(o => (o.Id, o.SourceId)));
            Assert.Equal(["obs_2"], (await session.Observations.ListForEntitiesAsync(["ent_2"], Time(At2).AddTicks(-10), CancellationToken.None)).Select(o => o.Id));
            var many = await session.Observations.GetManyAsync(["obs_4", "obs_5", "obs_3"], CancellationToken.None);
            Assert.Equal(["src_2", null, null], new[] { "obs_4", "obs_5", "obs_3" }.Select(id => many[id].SourceId));
            var page = await session.Observations.ListForEntityPagedAsync("ent_2", new Paging(Limit: 2), CancellationToken.None);
            var next = await session.Observations.ListForEntityPagedAsync("ent_2", new Paging(Limit: 2, Cursor: page.NextCursor), CancellationToken.None);
            Assert.Equal(["obs_2", "obs_4", "obs_5"], page.Items.Concat(next.Items).Select(o => o.Id));

            var snapshot = await session.Entities.GetSnapshotAsync("ent_1", CancellationToken.None);
            Assert.Equal(new Dictionary<string, string> { ["name"] = "obs_1", ["email"] = "obs_3" }, snapshot!.Provenance);
            var listed = await session.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging()), CancellationToken.None);
            Assert.Equal(["ent_1", "ent_2"], listed.Items.Select(s => s.EntityId));
            var found = await session.Entities.QueryAsync(new EntityQuery(null, "lovelace", false, new Paging()), CancellationToken.None);
            Assert.Equal(["ent_1"], found.Items.Select(s => s.EntityId));
        }
        await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Null(await other.Observations.GetAsync("obs_1", CancellationToken.None));
            Assert.Empty(await other.Observations.GetManyAsync(["obs_1", "obs_4"], CancellationToken.None));
        }
        // Later writes take the lean layout and read back as written.
        await using (var session = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            var fields = new Dictionary<string, JsonElement> { ["title"] = JsonDocument.Parse("\"Dr\"").RootElement };
            Assert.True(await session.Observations.InsertAsync(new("obs_6", "usr_a", "ent_1", "src_1", "run_1", "structured", "index:4", 100,
                "accepted", fields, null, Time(At3), Time(At3)), CancellationToken.None));
            var inserted = await session.Observations.InsertAllAsync([new("obs_7", "usr_a", "ent_1", "src_2", "run_1", "structured",
                "index:5", 100, "accepted", fields, null, Time(At3), Time(At3))], CancellationToken.None);
            Assert.Equal(["obs_7"], inserted.ToList());
            await session.CommitAsync(CancellationToken.None);
        }
        await using (var session = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            var ada = await session.Observations.ListForEntityAsync("ent_1", null, CancellationToken.None);
            Assert.Equal([("obs_1", "src_1"), ("obs_3", null), ("obs_6", "src_1"), ("obs_7", "src_2")], ada.Select(o => (o.Id, o.SourceId)));
            Assert.Equal(Time(At3), ada[3].ObservedAt);
        }
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
