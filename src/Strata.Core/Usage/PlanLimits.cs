namespace Strata.Core.Usage;

/// <summary>What a plan allows; null is unlimited.</summary>
/// <param name="LlmBudgetPerMonth">US dollars of model calls per billing month.</param>
public sealed record PlanLimits(long? StorageBytes, int? InterpretationsPerMonth, decimal? LlmBudgetPerMonth = null);
