using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>recall_status: the recall index and the progress of its background runs (docs/recall.md).</summary>
public static class RecallStatusOperations
{
    public static readonly StrataOperation RecallStatus = new("recall_status", "Recall index status",
        "How much of your memory recall searches, and the progress of its background runs: units (messages and document blocks) "
        + "in the index; index (documents converted before the recall index existed: done of total, and its state); embedding (with "
        + "an embedding provider: units with vectors of the configured model, done of total, its state, and earlier models' vectors "
        + "still serving). States: done, queued, running, failed, not_queued.",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.RecallStatus,
        async (call, ct) => OperationResult.Of(await call.Services.RecallStatus.StatusAsync(call.UserId, ct), StrataJson.Wire.RecallStatus))
    {
        Route = HttpRoute.Get("/v1/recall/status"),
    };
}
