namespace Strata.Llm.Resilience;

/// <summary>Exponential backoff with "equal jitter": half the step is fixed, half random, so many workers hit
/// by the same 429 spread out yet none retries at once.</summary>
public static class Backoff
{
    /// <param name="retry">1 for the first retry.</param>
    public static TimeSpan Delay(int retry, RetryOptions options, Random random)
    {
        var exponent = Math.Min(retry - 1, 30);
        var step = Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(step / 2 + random.NextDouble() * step / 2);
    }
}
