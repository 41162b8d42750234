namespace Strata.Core.Llm.Calls;

/// <summary>One retried attempt: what went wrong (<c>429</c>, <c>503</c>, <c>timeout</c>, <c>network</c>) and how long
/// the client waited before the next attempt. Kept on the answer so a run shows what a call rode out.</summary>
public sealed record RetryRecord(int Attempt, string Reason, TimeSpan Delay, bool FromRetryAfter);
