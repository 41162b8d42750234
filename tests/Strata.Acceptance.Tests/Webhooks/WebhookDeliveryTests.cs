using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Webhooks;

namespace Strata.Acceptance.Tests.Webhooks;

/// <summary>Webhooks end to end on both databases: events emitted where they happen, delivered signed to a real HTTP
/// receiver on the loopback (allowed by the test-only setting), retried on the back-off schedule under the test clock.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private const string AllowLoopback = """{"Webhooks":{"AllowLoopback":true}}""";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly WebhookReceiver _receiver = new();
    private TestStrata _strata = null!;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_deliveries_list_pages_newest_first_by_cursor_like_the_other_lists(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        var alice = await _strata.UserAsync("alice");
        var hook = await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("alice"), ["export.ready"], None);
        var other = await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("other"), ["export.ready"], None);
        var start = _strata.Clock.GetUtcNow();
        await using (var session = await _strata.Services.Store.OpenWriteAsync(alice, None))
        {
            // Seven of one hook's, two sharing a creation time (the id breaks the tie), and one of the other hook's.
            for (var i = 0; i < 7; i++)
            {
                var at = start.AddSeconds(Math.Min(i, 5));
                await session.Webhooks.InsertDeliveryAsync(new WebhookDelivery($"whd_{i:D24}", hook.WebhookId, "export.ready", "{}", "pending", 0, null, null, at, at, null), None);
            }
            await session.Webhooks.InsertDeliveryAsync(new WebhookDelivery($"whd_{9:D24}", other.WebhookId, "export.ready", "{}", "pending", 0, null, null, start, start, null), None);
            await session.CommitAsync(None);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _strata.Services.Webhooks.DeliveriesAsync(alice, hook.WebhookId, new Strata.Core.Paging(3, Cursor: cursor, IncludeTotal: true), None);
            Assert.Equal(7, page.Total);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(d => d.DeliveryId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"whd_{i:D24}"), seen);
        Assert.Equal(8, (await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items.Count);
        var skipped = await _strata.Services.Webhooks.DeliveriesAsync(alice, hook.WebhookId, new Strata.Core.Paging(2, Offset: 5), None);
        Assert.Equal(["whd_000000000000000000000001", "whd_000000000000000000000000"], skipped.Items.Select(d => d.DeliveryId));
        var invalid = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(1, Cursor: "nonsense"), None));
        Assert.Equal(ErrorCodes.ValidationFailed, invalid.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_completed_run_reaches_its_users_hook_signed_and_no_other_users(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var hook = await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("alice"), ["run.completed,export.ready"], None);
        await _strata.Services.Webhooks.AddAsync(bob, _receiver.Url("bob"), ["run.completed"], None);

        var ingest = await _strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");
        await _strata.RunDueJobsAsync();

        var received = Assert.Single(_receiver.Requests);
        Assert.Equal("/alice", received.Path);
        Assert.True(WebhookSignature.Verify(hook.Secret, received.Timestamp!, received.Body, received.Signature!, _strata.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(received.Id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("run.completed", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(ingest.Interpretation.RunId, body.RootElement.GetProperty("data").GetProperty("run_id").GetString());
        Assert.Equal("completed", body.RootElement.GetProperty("data").GetProperty("status").GetString());
        var delivery = Assert.Single((await _strata.Services.Webhooks.DeliveriesAsync(alice, hook.WebhookId, new Strata.Core.Paging(), None)).Items);
        Assert.Equal((received.Id, "delivered", 1, 200), (delivery.DeliveryId, delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Empty((await _strata.Services.Webhooks.DeliveriesAsync(bob, null, new Strata.Core.Paging(), None)).Items);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failing_receiver_is_tried_eight_times_on_the_back_off_schedule_within_a_day_then_the_delivery_fails(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        _receiver.Answer = _ => 503;
        var alice = await _strata.UserAsync("alice");
        var hook = await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("down"), ["run.completed"], None);
        await _strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");
        var start = _strata.Clock.GetUtcNow();

        await _strata.RunDueJobsAsync();
        Assert.Single(_receiver.Requests);
        var backoff = _strata.Services.Options.Webhooks.Backoff;
        for (var attempt = 1; attempt < WebhookEmitter.MaxAttempts; attempt++)
        {
            var wait = backoff.DelayAfter(attempt);
            Assert.Equal(TimeSpan.FromMinutes(5 * Math.Pow(2, attempt - 1)), wait);
            _strata.Clock.Advance(wait - TimeSpan.FromSeconds(1));
            await _strata.RunDueJobsAsync();
            Assert.Equal(attempt, _receiver.Requests.Count); // not due a second early
            _strata.Clock.Advance(TimeSpan.FromSeconds(1));
            await _strata.RunDueJobsAsync();
            Assert.Equal(attempt + 1, _receiver.Requests.Count);
        }
        _strata.Clock.Advance(TimeSpan.FromDays(2));
        await _strata.RunDueJobsAsync();

        Assert.Equal(WebhookEmitter.MaxAttempts, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(r => r.Id).Distinct()); // one id on every attempt: the receiver can dedupe
        Assert.True(_strata.Clock.GetUtcNow() - TimeSpan.FromDays(2) - start < TimeSpan.FromHours(24));
        var delivery = Assert.Single((await _strata.Services.Webhooks.DeliveriesAsync(alice, hook.WebhookId, new Strata.Core.Paging(), None)).Items);
        Assert.Equal(("failed", 8, 503), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        var job = await _strata.Services.Store.Jobs.FindBySubjectAsync(JobKinds.WebhookDelivery, delivery.DeliveryId, None);
        Assert.Equal(JobStates.Failed, job!.State);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_receiver_that_recovers_gets_the_event_on_the_next_attempt(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        var answers = new Queue<int>([500, 200]);
        _receiver.Answer = _ => answers.Dequeue();
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("flaky"), ["run.completed"], None);
        await _strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");

        await _strata.RunDueJobsAsync();
        var first = Assert.Single((await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items);
        Assert.Equal(("pending", 1, 500), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.StartsWith("HTTP 500", first.LastError, StringComparison.Ordinal);
        _strata.Clock.Advance(TimeSpan.FromMinutes(5));
        await _strata.RunDueJobsAsync();

        var delivered = Assert.Single((await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items);
        Assert.Equal(("delivered", 2, 200), (delivered.Status, delivered.Attempts, delivered.LastStatusCode));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Without_the_test_setting_loopback_and_private_receivers_are_refused_when_added(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");

        foreach (var url in new[] { _receiver.Url("x"), "http://10.0.0.7/x", "http://[::1]:9/x", "http://[::ffff:127.0.0.1]/x", "http://169.254.169.254/latest", "http://localhost/x" })
        {
            var refused = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Webhooks.AddAsync(alice, url, ["run.completed"], None));
            Assert.Equal(ErrorCodes.WebhookAddressRefused, refused.Code);
        }
        Assert.Empty((await _strata.Services.Webhooks.ListAsync(alice, None)).Items);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Parallel_events_drained_by_three_worker_processes_reach_the_receiver_exactly_once_each(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("many"), ["run.completed"], None);
        const int events = 24;
        await Task.WhenAll(Enumerable.Range(0, events).Select(i =>
            _strata.IngestTextAsync(alice, $"people-{i}.csv", $"name,email\nPerson {i},p{i}@example.com\n", type: "contact")));
        Assert.Equal(events, (await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items.Count);

        // Three `strata worker` processes claim the deliveries at once, each with its own connections to the store.
        string[] database = _strata.PostgresConnectionString is { } url ? ["--database", url] : [];
        var workers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new StrataProcess(_strata.DataDirectory).RunAsync([.. database, "worker", "--once"])));

        Assert.All(workers, w => Assert.True(w.Exit == 0, w.Error));
        Assert.Equal(events, _receiver.Requests.Count);
        Assert.Equal(events, _receiver.Requests.Select(r => r.Id).Distinct().Count());
        Assert.All((await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items, d => Assert.Equal(("delivered", 1), (d.Status, d.Attempts)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_removed_hook_gets_nothing_and_its_waiting_delivery_fails(string backend)
    {
        _strata = TestStrata.Create(backend, configurationJson: AllowLoopback);
        var alice = await _strata.UserAsync("alice");
        var hook = await _strata.Services.Webhooks.AddAsync(alice, _receiver.Url("gone"), ["run.completed"], None);
        await _strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");

        Assert.True((await _strata.Services.Webhooks.RemoveAsync(alice, hook.WebhookId, None)).Removed);
        await _strata.RunDueJobsAsync();

        Assert.Empty(_receiver.Requests);
        var delivery = Assert.Single((await _strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), None)).Items);
        Assert.Equal("failed", delivery.Status);
        var missing = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Webhooks.RemoveAsync(alice, hook.WebhookId, None));
        Assert.Equal(ErrorCodes.WebhookNotFound, missing.Code);
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _strata?.Dispose();
    }
}
