namespace Strata.Core.Usage;

/// <summary>What a plan allows; null is unlimited.</summary>
public sealed record PlanLimits(long? StorageBytes, int? InterpretationsPerMonth);
