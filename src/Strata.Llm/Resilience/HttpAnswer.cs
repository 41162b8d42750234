namespace Strata.Llm.Resilience;

/// <summary>A successful HTTP exchange: the body as text, how long the last attempt took, and the retries before it.</summary>
public sealed record HttpAnswer(string Body, TimeSpan Latency, IReadOnlyList<Core.Llm.Calls.RetryRecord> Retries);
