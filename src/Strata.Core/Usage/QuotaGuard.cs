using Strata.Core.Errors;
using Strata.Core.Metrics;
using Strata.Core.Storage;

namespace Strata.Core.Usage;

/// <summary>
/// Checks and counts usage inside the caller's write transaction, before anything else is written: a refusal
/// throws (so the transaction rolls back and nothing is kept), and an acceptance is counted atomically with the write.
/// </summary>
public sealed class QuotaGuard(PlanCatalog plans, StrataMetrics metrics, TimeProvider clock)
{
    /// <summary>Counts <paramref name="bytes"/> of a new source towards the user's storage.</summary>
    public async Task ReserveStorageAsync(IStoreSession session, long bytes, CancellationToken cancellationToken)
    {
        var plan = await session.Usage.PlanAsync(cancellationToken);
        var limit = plans.For(plan).StorageBytes;
        if (await session.Usage.TryAddBytesAsync(bytes, limit, cancellationToken)) return;

        var now = clock.GetUtcNow();
        var used = (await session.Usage.GetAsync(BillingMonth.Of(now), cancellationToken)).BytesStored;
        metrics.QuotaRejections.Inc(QuotaKinds.Storage);
        throw new StrataException(ErrorCodes.StorageQuotaExceeded,
            $"Storage quota exceeded on the {plan} plan: {ByteSizes.Describe(used)} of {ByteSizes.Describe(limit!.Value)} used, " +
            $"and this needs {ByteSizes.Describe(bytes)} more. Stored bytes do not reset with the billing month " +
            $"(the next reset, {BillingMonth.ResetsAt(now):yyyy-MM-dd}, applies to interpretations only); move to a larger plan to store more.");
    }

    /// <summary>Counts one interpretation in the current billing month.</summary>
    public async Task CountInterpretationAsync(IStoreSession session, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var month = BillingMonth.Of(now);
        var plan = await session.Usage.PlanAsync(cancellationToken);
        var limit = plans.For(plan).InterpretationsPerMonth;
        if (await session.Usage.TryCountInterpretationAsync(month, limit, cancellationToken)) return;

        var used = (await session.Usage.GetAsync(month, cancellationToken)).Interpretations;
        metrics.QuotaRejections.Inc(QuotaKinds.Interpretation);
        throw new StrataException(ErrorCodes.InterpretationQuotaExceeded,
            $"Interpretation quota exceeded on the {plan} plan: {used} of {limit} interpretations used in {month}. " +
            $"The count resets on {BillingMonth.ResetsAt(now):yyyy-MM-dd}; until then, ingest with --no-interpret to store files without interpreting them.");
    }
}
