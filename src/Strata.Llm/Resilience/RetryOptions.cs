namespace Strata.Llm.Resilience;

/// <summary>How one call rides out trouble. Attempts include the first one.</summary>
public sealed record RetryOptions
{
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A server's <c>retry-after</c> is honoured up to this; beyond it the call gives up rather than hold an item for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One attempt's limit, from sending to the last byte of the answer.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
