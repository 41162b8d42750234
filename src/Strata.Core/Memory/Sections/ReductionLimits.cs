namespace Strata.Core.Memory.Sections;

/// <summary>
/// The bounds of a hierarchical reduction: at most <paramref name="DepthCap"/> levels, at most <paramref name="BatchCap"/>
/// inputs per model call, the circuit opened after <paramref name="BreakerFailures"/> failed calls in a row, and all of it
/// within <paramref name="Timeout"/>. Together they bound the calls of one reduction whatever the size of the memory
/// (the reducer this replaces looped forever).
/// </summary>
public sealed record ReductionLimits(int DepthCap, int BatchCap, int BreakerFailures, TimeSpan Timeout)
{
    public static ReductionLimits Default { get; } = new(3, 40, 3, TimeSpan.FromMinutes(2));
}
