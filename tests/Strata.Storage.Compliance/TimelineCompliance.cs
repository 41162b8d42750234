using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Storage.Compliance;

/// <summary>The contract of the timeline on every database (one shared store, the SQL of each): dated fields of one user
/// in date order, "from" inclusive, "to" a whole day (a time on that day is inside), a type filter, pages by cursor, the
/// count of all in range only when asked for.</summary>
public abstract class TimelineCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_range_keeps_its_first_day_and_all_of_its_last_and_nothing_of_another_user()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await DateAsync(alice, "ent_launch", "event", ("start", "2024-03-01"), ("end", "2024-04-01"));
        await DateAsync(alice, "ent_review", "task", ("due", "2024-03-31T23:59:00Z"), ("opened", "2024-02-29"));
        await DateAsync(alice, "ent_call", "event", ("start", "2024-03-15 10:30"));
        await DateAsync(bob, "ent_bob", "event", ("start", "2024-03-10"));

        var march = await TimelineAsync(alice, new TimelineQuery("2024-03-01", "2024-03-31", null, new Paging(10, IncludeTotal: true)));
        Assert.Equal(["2024-03-01 start", "2024-03-15 10:30 start", "2024-03-31T23:59:00Z due"], march.Items.Select(Said));
        Assert.Equal(3, march.Total);

        var events = await TimelineAsync(alice, new TimelineQuery(null, null, "event", new Paging(10)));
        Assert.Equal(["2024-03-01 start", "2024-03-15 10:30 start", "2024-04-01 end"], events.Items.Select(Said));

        var fromOnly = await TimelineAsync(alice, new TimelineQuery("2024-03-31", null, null, new Paging(10)));
        Assert.Equal(["2024-03-31T23:59:00Z due", "2024-04-01 end"], fromOnly.Items.Select(Said));

        var all = await TimelineAsync(bob, new TimelineQuery(null, null, null, new Paging(10)));
        Assert.Equal(["2024-03-10 start"], all.Items.Select(Said));
    }

    [Fact]
    public async Task Pages_follow_date_then_entity_then_field_by_cursor_and_count_only_when_asked()
    {
        var alice = await UserAsync("alice");
        await DateAsync(alice, "ent_b", "event", ("start", "2024-05-01"), ("end", "2024-05-01"), ("field/with slash", "2024-05-01"));
        await DateAsync(alice, "ent_a", "event", ("start", "2024-05-01"));
        await DateAsync(alice, "ent_c", "event", ("start", "2023-12-31"));

        var first = await TimelineAsync(alice, new TimelineQuery(null, null, null, new Paging(2, IncludeTotal: true)));
        Assert.Equal(["ent_c start", "ent_a start"], first.Items.Select(e => $"{e.EntityId} {e.Field}"));
        Assert.Equal(5, first.Total);
        var second = await TimelineAsync(alice, new TimelineQuery(null, null, null, new Paging(2, Cursor: first.NextCursor)));
        Assert.Equal(["ent_b end", "ent_b field/with slash"], second.Items.Select(e => $"{e.EntityId} {e.Field}"));
        Assert.Null(second.Total);
        var third = await TimelineAsync(alice, new TimelineQuery(null, null, null, new Paging(2, Cursor: second.NextCursor)));
        Assert.Equal(["ent_b start"], third.Items.Select(e => $"{e.EntityId} {e.Field}"));
        Assert.Null(third.NextCursor);

        // The same pages by offset, the older way.
        var byOffset = await TimelineAsync(alice, new TimelineQuery(null, null, null, new Paging(2, 2)));
        Assert.Equal(second.Items, byOffset.Items);
        // A cursor of another list is refused, not misread.
        var wrong = PageCursor.Encode("runs", "1", "run_x");
        await Assert.ThrowsAsync<Strata.Core.Errors.StrataException>(() => TimelineAsync(alice, new TimelineQuery(null, null, null, new Paging(2, Cursor: wrong))));
    }

    private static string Said(TimelineEvent e) => $"{e.Date} {e.Field}";

    private async Task DateAsync(string user, string entityId, string type, params (string Field, string Date)[] dates)
    {
        await using var session = await Store.OpenWriteAsync(user, None);
        await session.Entities.InsertAsync(new Entity(entityId, user, type, entityId, null, null, Clock.GetUtcNow()), None);
        var snapshot = new Snapshot(entityId, type, entityId, new Dictionary<string, JsonElement>(), new Dictionary<string, string>(), 0,
            Clock.GetUtcNow(), null);
        await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(snapshot, entityId,
            dates.Select(d => new TimelineEvent(entityId, type, entityId, entityId, d.Field, d.Date)).ToList()), None);
        await session.CommitAsync(None);
    }

    private async Task<Page<TimelineEvent>> TimelineAsync(string user, TimelineQuery query)
    {
        await using var session = await Store.OpenReadAsync(user, None);
        return await session.Entities.TimelineAsync(query, None);
    }
}
