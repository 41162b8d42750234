using Strata.Core.Review;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>The <c>run.confirmed</c> event: a block run's last staged value was confirmed (nothing waits, is asked or is
/// staged, and at least one value is confirmed). Called in the transaction of each confirmation; the run is locked
/// before counting, so of two confirmations of its last values at once the second counts after the first commits
/// and exactly one of them sees nothing left. Confirming again later (an edit) emits nothing new: the delivery id is
/// the run's.</summary>
public static class ReviewEvents
{
    public static async Task ConfirmedIfLastAsync(IStoreSession session, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.Review.LockRunAsync(runId, cancellationToken);
        // Asked on every confirm: the probe keeps a confirm's cost independent of the run's size; the count runs only for the last.
        if (await session.Review.HasOpenBlocksAsync(runId, cancellationToken)) return;
        var counts = await session.Review.CountAsync(ReviewScope.Run, runId, cancellationToken);
        if (counts is not { Pending: 0, Claimed: 0, Staged: 0, Confirmed: > 0 }) return;
        var run = await session.Review.GetRunAsync(runId, cancellationToken);
        if (run is null) return;
        await WebhookEmitter.EmitAsync(session, WebhookEvents.RunConfirmed, runId, now, json =>
        {
            json.WriteString("run_id", run.RunId);
            json.WriteString("document_id", run.DocumentId);
            json.WriteString("project_id", run.ProjectId);
            json.WriteString("schema_ref", run.SchemaRef);
            json.WriteNumber("confirmed", counts.Confirmed);
            json.WriteNumber("failed", counts.Failed);
        }, cancellationToken);
    }
}
