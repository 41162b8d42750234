using System.Net.Http.Headers;

namespace Strata.Llm.Resilience;

/// <summary>Reads <c>retry-after</c> in both forms HTTP allows: delta seconds, or an HTTP-date.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
