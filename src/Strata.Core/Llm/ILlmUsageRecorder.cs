namespace Strata.Core.Llm;

/// <summary>
/// The accounting side of LLM runs, called by the run pipeline: <see cref="EnsureWithinBudgetAsync"/> before each call
/// (so a call over the monthly budget is refused before it is made, <c>LLM_BUDGET_EXCEEDED</c>) and
/// <see cref="RecordAsync"/> after each call that reached the provider (tokens were spent, whatever its outcome). The
/// pipeline records tokens and cost on its run items and run itself; this is for usage per billing month and metrics.
/// </summary>
public interface ILlmUsageRecorder
{
    /// <summary>Throws <c>LLM_BUDGET_EXCEEDED</c> when <paramref name="reserve"/> more would pass the user's monthly budget.</summary>
    Task EnsureWithinBudgetAsync(string userId, decimal reserve, CancellationToken cancellationToken);

    Task RecordAsync(LlmCallUsage usage, CancellationToken cancellationToken);
}

/// <summary>One model call as accounting sees it.</summary>
/// <param name="RunId">The run the call worked for; null for a call made outside a run.</param>
/// <param name="ItemIndexes">The run items the call carried (a pack carries several).</param>
/// <param name="Cost">USD; null when the model has no configured price (the tokens still count).</param>
/// <param name="Outcome"><c>ok</c>, <c>parse_failed</c>, <c>max_tokens</c>, <c>missing_items</c>, or a failure kind
/// (<c>auth</c>, <c>rate_limited</c>, <c>server</c>, <c>timeout</c>, <c>network</c>, <c>rejected</c>, <c>malformed_response</c>).</param>
public sealed record LlmCallUsage(
    string UserId,
    string? RunId,
    IReadOnlyList<int> ItemIndexes,
    string Provider,
    string Model,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    decimal? Cost,
    TimeSpan Latency,
    string Outcome,
    DateTimeOffset At);

/// <summary>What runs with no accounting wired: no budget, nothing recorded beyond the run's own columns.</summary>
public sealed class NoLlmUsageRecorder : ILlmUsageRecorder
{
    public static readonly NoLlmUsageRecorder Instance = new();

    public Task EnsureWithinBudgetAsync(string userId, decimal reserve, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordAsync(LlmCallUsage usage, CancellationToken cancellationToken) => Task.CompletedTask;
}
