using Strata.Acceptance.Tests.Support;
using Strata.Core.Webhooks;

namespace Strata.Acceptance.Tests.Webhooks;

/// <summary>
/// A worker killed with SIGKILL after sending a delivery and before recording it (it says so itself, at the hold point
/// between the two) leaves the job leased; once the lease lapses the next worker sends the delivery again, with the
/// same id, and records it: delivered at least once, never lost, and the receiver can tell the repeat by its id. The
/// leases are set short in strata.json only so the test need not wait the default ones out.
/// </summary>
public sealed class KilledDeliveryTests : IDisposable
{
    private const string Settings = """{"Webhooks": {"AllowLoopback": true}, "Worker": {"CallerLeaseDuration": "2", "LeaseDuration": "2"}}""";

    private readonly WebhookReceiver _receiver = new();

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_worker_killed_between_sending_and_recording_leads_to_a_redelivery_with_the_same_id(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Settings);
        var alice = await strata.UserAsync("alice");
        var hook = await strata.Services.Webhooks.AddAsync(alice, _receiver.Url("kill"), ["run.completed"], CancellationToken.None);
        await strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt(WebhookDeliveryJobHandler.SentHoldPoint, marker, strata.DataDirectory, [.. database, "worker", "--once"]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the worker never sent the delivery: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var sent = Assert.Single(_receiver.Requests);
        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        Assert.Equal("pending", await probe.ScalarAsync<string>("SELECT status FROM webhook_deliveries"));
        var expires = await probe.LeaseExpiryAsync(Strata.Core.Jobs.JobKinds.WebhookDelivery);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed worker's lease lapsed");
        await Eventually.TrueAsync(async () =>
        {
            var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
            Assert.True(worker.Exit == 0, worker.Error);
            return await probe.ScalarAsync<string>("SELECT status FROM webhook_deliveries") == "delivered";
        }, "a worker delivered it again");

        Assert.Equal(2, _receiver.Requests.Count);
        Assert.All(_receiver.Requests, r => Assert.Equal(sent.Id, r.Id));
        Assert.All(_receiver.Requests, r => Assert.Equal(sent.Body, r.Body));
        Assert.All(_receiver.Requests, r => Assert.True(WebhookSignature.Verify(hook.Secret, r.Timestamp!, r.Body, r.Signature!, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        var delivery = Assert.Single((await strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), CancellationToken.None)).Items);
        Assert.Equal(("delivered", 1), (delivery.Status, delivery.Attempts));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_worker_killed_during_the_last_attempt_leaves_the_delivery_failed_once_the_rescuer_sets_its_job_aside(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: Settings);
        var alice = await strata.UserAsync("alice");
        await strata.Services.Webhooks.AddAsync(alice, _receiver.Url("last"), ["run.completed"], CancellationToken.None);
        await strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");
        // Seven failed attempts behind it (their schedule is proven under the test clock in WebhookDeliveryTests): the
        // worker's claim below is the eighth and last.
        var previous = WebhookEmitter.MaxAttempts - 1;
        strata.Execute("UPDATE jobs SET attempt = @previous WHERE kind = @kind", new { previous, kind = Strata.Core.Jobs.JobKinds.WebhookDelivery });
        strata.Execute("UPDATE webhook_deliveries SET attempts = @previous", new { previous });
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt(WebhookDeliveryJobHandler.SentHoldPoint, marker, strata.DataDirectory, [.. database, "worker", "--once"]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the worker never sent the delivery: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        Assert.Equal("pending", await probe.ScalarAsync<string>("SELECT status FROM webhook_deliveries"));
        var expires = await probe.LeaseExpiryAsync(Strata.Core.Jobs.JobKinds.WebhookDelivery);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed worker's lease lapsed");
        var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
        Assert.True(worker.Exit == 0, worker.Error);

        Assert.Equal("failed", await probe.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'webhook.deliver'"));
        var delivery = Assert.Single((await strata.Services.Webhooks.DeliveriesAsync(alice, null, new Strata.Core.Paging(), CancellationToken.None)).Items);
        Assert.Equal(("failed", WebhookEmitter.MaxAttempts), (delivery.Status, delivery.Attempts));
        Assert.Contains("Set aside after 8 attempts", delivery.LastError, StringComparison.Ordinal);
        var again = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
        Assert.True(again.Exit == 0, again.Error);
        Assert.Single(_receiver.Requests);
    }

    public void Dispose() => _receiver.Dispose();
}
