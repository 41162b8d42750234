using System.Text.Json;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Operations;
using Strata.Core.Webhooks;

namespace Strata.Acceptance.Tests.Webhooks;

/// <summary>Each event is emitted where it happens, once, and only to its user's webhooks. The webhooks here are
/// written through the store (no receiver is needed: the delivery log shows what was emitted; sending is proved in
/// <see cref="WebhookDeliveryTests"/>).</summary>
public sealed class WebhookEventTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Confirming_a_block_runs_last_two_values_at_once_emits_run_confirmed_exactly_once(string backend)
    {
        var (review, _, runId) = await ReviewFixture.WithRunAsync(backend, blocks: 2);
        await using var _ = review;
        var services = review.Strata.Services;
        await HookAsync(review.Strata, review.User, WebhookEvents.RunConfirmed);
        var bob = await review.Strata.UserAsync("bob");
        await HookAsync(review.Strata, bob, WebhookEvents.RunConfirmed);

        await Task.WhenAll(Task.Run(() => services.Review.ConfirmAsync(review.User, runId, 0, None)), Task.Run(() => services.Review.ConfirmAsync(review.User, runId, 1, None)));
        await services.Review.EditAsync(review.User, runId, 0, JsonDocument.Parse("""{"topic":"deposit","risk":3}""").RootElement, None);

        var data = Data(Assert.Single(await DeliveriesAsync(review.Strata, review.User)), WebhookEvents.RunConfirmed);
        Assert.Equal(runId, data.GetProperty("run_id").GetString());
        Assert.Equal(2, data.GetProperty("confirmed").GetInt32());
        Assert.Empty(await DeliveriesAsync(review.Strata, bob));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_chat_import_whose_quick_pass_is_ready_with_no_full_pass_emits_import_completed(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await HookAsync(strata, alice, WebhookEvents.ImportCompleted);

        var import = await strata.Services.ChatImports.ImportAsync(alice, new ChatImportRequest(new MemoryStream(
            """[{"uuid":"c1","name":"Coffee","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk."}]}]"""u8.ToArray()), "claude", null),
            null, None);

        var data = Data(Assert.Single(await DeliveriesAsync(strata, alice)), WebhookEvents.ImportCompleted);
        Assert.Equal((import.ImportId, import.Status), (data.GetProperty("import_id").GetString(), data.GetProperty("status").GetString()));
        Assert.Equal(1, data.GetProperty("conversations_read").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_archive_export_emits_export_ready_once_it_is_written(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.IngestTextAsync(alice, "people.csv", "name,email\nAda Lovelace,ada@example.com\n", type: "contact");
        await HookAsync(strata, alice, WebhookEvents.ExportReady);

        var written = await strata.Services.ArchiveExport.ExportAsync(alice, new MemoryStream(), None);

        var data = Data(Assert.Single(await DeliveriesAsync(strata, alice)), WebhookEvents.ExportReady);
        Assert.Equal(("archive", written.Rows, written.Blobs), (data.GetProperty("export").GetString(), data.GetProperty("rows").GetInt64(), data.GetProperty("blobs").GetInt64()));
    }

    internal static async Task HookAsync(TestStrata strata, string userId, string eventType)
    {
        await using var session = await strata.Services.Store.OpenWriteAsync(userId, None);
        await session.Webhooks.InsertAsync(new Webhook("whk_" + Guid.NewGuid().ToString("N")[..24], userId, "https://hooks.example.com/" + userId, [eventType],
            [1], strata.Clock.GetUtcNow()), None);
        await session.CommitAsync(None);
    }

    internal static async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(TestStrata strata, string userId)
    {
        await using var session = await strata.Services.Store.OpenReadAsync(userId, None);
        return (await session.Webhooks.ListDeliveriesAsync(null, new Strata.Core.Paging(100), None)).Items;
    }

    internal static JsonElement Data(WebhookDelivery delivery, string eventType)
    {
        Assert.Equal(eventType, delivery.EventType);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(delivery.Id, body.GetProperty("id").GetString());
        Assert.Equal(eventType, body.GetProperty("type").GetString());
        return body.GetProperty("data");
    }
}
