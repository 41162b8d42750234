using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Webhooks;

/// <summary>The <c>run.completed</c> event: a run ended (completed, or failed), with its counters and how many of its
/// items failed. Emitted by <see cref="RunLedger"/> in the transaction that finishes the run.</summary>
public static class RunEvents
{
    public static Task<int> CompletedAsync(IStoreSession session, Run run, int? itemsFailed, DateTimeOffset now, CancellationToken cancellationToken) =>
        WebhookEmitter.EmitAsync(session, WebhookEvents.RunCompleted, run.Id, now, json =>
        {
            json.WriteString("run_id", run.Id);
            json.WriteString("source_id", run.SourceId);
            json.WriteString("interpreter", run.Interpreter);
            json.WriteString("status", run.Status);
            json.WriteNumber("items_count", run.ItemsCount);
            json.WriteNumber("items_failed", itemsFailed ?? 0);
            json.WriteNumber("observations_created", run.ObservationsCreated);
            json.WriteString("error", run.Error);
        }, cancellationToken);
}
