using Strata.Core.Llm.Calls;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Extraction;

/// <summary>
/// Shares each call's tokens and cost among the items it carried: evenly, the remainder going to the first items, so
/// the items of a run add up to exactly what its calls used. Also counts the calls that carried each item.
/// </summary>
public static class CallShares
{
    public const long NanosPerDollar = 1_000_000_000;

    public sealed class Share
    {
        public TokenUsage Usage { get; set; } = TokenUsage.Zero;

        public long? CostNanos { get; set; }

        public bool CostUnknown { get; set; }

        public int Calls { get; set; }

        /// <summary>The raw answer of the last call that carried the item.</summary>
        public string? LastRaw { get; set; }
    }

    /// <param name="cost">What a call's tokens cost in USD; null when the model has no price.</param>
    public static Dictionary<string, Share> Of(IReadOnlyList<CallRecord> calls, Func<TokenUsage, decimal?> cost)
    {
        var shares = new Dictionary<string, Share>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var n = call.ItemIds.Count;
            if (n == 0) continue;
            long? costNanos = cost(call.Usage) is { } c ? (long)decimal.Round(c * NanosPerDollar, MidpointRounding.AwayFromZero) : null;
            for (var i = 0; i < n; i++)
            {
                if (!shares.TryGetValue(call.ItemIds[i], out var share)) shares[call.ItemIds[i]] = share = new Share();
                share.Calls++;
                share.LastRaw = call.RawText ?? share.LastRaw;
                share.Usage = share.Usage.Add(new TokenUsage(
                    Part(call.Usage.Input, n, i), Part(call.Usage.Output, n, i),
                    Part(call.Usage.CacheRead, n, i), Part(call.Usage.CacheWrite, n, i)));
                if (costNanos is { } nanos) share.CostNanos = (share.CostNanos ?? 0) + Part(nanos, n, i);
                else if (call.Usage.Total > 0) share.CostUnknown = true;
            }
        }
        return shares;
    }

    /// <summary>The <paramref name="index"/>-th of <paramref name="parts"/> parts of <paramref name="total"/>.</summary>
    public static long Part(long total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);
}
