using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>
/// Sends one delivery per attempt. The request goes out outside any transaction; its outcome is then recorded on the
/// delivery and the job settled, fenced on the lease, in one transaction: delivered (2xx) and the job completed; or
/// the attempt's status code and error kept and the job retried after <see cref="WebhookOptions.Backoff"/>, failed
/// with the delivery at the last of <see cref="WebhookEmitter.MaxAttempts"/>. A worker killed after sending and
/// before recording leaves the job leased; the rescuer hands it to another worker, which sends it again with the
/// same id: at least once, never lost — receivers dedupe on <c>Strata-Webhook-Id</c>. Killed during the last attempt,
/// the job is set aside by the rescuer, which fails the delivery with it in the same transaction.
/// </summary>
public sealed class WebhookDeliveryJobHandler(IStrataStore store, WebhookService webhooks, WebhookSender sender, WebhookOptions options,
    TimeProvider clock) : IJobHandler
{
    /// <summary>The hold point between sending and recording (<c>STRATA_TEST_HOLD_AT=webhook.sent:MARKER</c>).</summary>
    public const string SentHoldPoint = "webhook.sent";

    public string Kind => JobKinds.WebhookDelivery;

    public RetryPolicy Retry => options.Backoff;

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var userId = job.UserId ?? throw new InvalidOperationException($"Webhook job {job.Id} has no user.");
        var deliveryId = JobPayload.Read(job, "delivery_id");
        WebhookDelivery? delivery;
        Webhook? webhook;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            delivery = await read.Webhooks.GetDeliveryAsync(deliveryId, cancellationToken);
            webhook = delivery is null ? null : await read.Webhooks.GetAsync(delivery.WebhookId, cancellationToken);
        }
        if (delivery is not { Status: WebhookDeliveryStatuses.Pending }) return JobResult.Completed;
        WebhookAttempt attempt;
        if (webhook is null)
        {
            attempt = new WebhookAttempt(null, "The webhook was removed before this event could be delivered.");
        }
        else
        {
            var timestamp = WebhookSignature.Timestamp(clock.GetUtcNow());
            var signature = WebhookSignature.Sign(webhooks.OpenSecret(webhook), timestamp, delivery.Body);
            attempt = await sender.SendAsync(new Uri(webhook.Url), delivery.Id, timestamp, signature, delivery.Body, cancellationToken);
            await HoldPoint.ReachedAsync(SentHoldPoint, cancellationToken);
        }
        return await RecordAsync(context, userId, delivery, attempt, finalAttempt: webhook is null || job.IsLastAttempt, cancellationToken);
    }

    private async Task<JobResult> RecordAsync(JobContext context, string userId, WebhookDelivery delivery, WebhookAttempt attempt, bool finalAttempt,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = attempt.Delivered ? WebhookDeliveryStatuses.Delivered : finalAttempt ? WebhookDeliveryStatuses.Failed : WebhookDeliveryStatuses.Pending;
        var recorded = delivery with
        {
            Status = status,
            Attempts = delivery.Attempts + 1,
            LastStatusCode = attempt.StatusCode,
            LastError = attempt.Error,
            UpdatedAt = now,
            DeliveredAt = attempt.Delivered ? now : null,
        };
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        await session.Webhooks.UpdateDeliveryAsync(recorded, cancellationToken);
        var outcome = status switch
        {
            WebhookDeliveryStatuses.Delivered => JobResult.Completed,
            WebhookDeliveryStatuses.Failed => JobResult.Fail(attempt.Error!),
            _ => JobResult.RetryAt(attempt.Error!, now + options.Backoff.DelayAfter(context.Job.Attempt)),
        };
        return await RunLedger.CommitWithJobAsync(session, context.Lease, outcome, cancellationToken);
    }
}
