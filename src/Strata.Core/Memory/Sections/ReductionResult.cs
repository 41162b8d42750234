namespace Strata.Core.Memory.Sections;

/// <summary>How a reduction ended: its text (null when it produced none), the model calls it made, the levels it went
/// down, and which bound (if any) ended it.</summary>
public sealed record ReductionResult(string? Text, int Calls, int Depth, ReductionEnd End, string? LastError);

/// <summary>Why a reduction stopped.</summary>
public enum ReductionEnd
{
    /// <summary>One text was left: the summary.</summary>
    Reduced,

    /// <summary>The depth cap was reached with several texts left: they are kept side by side.</summary>
    DepthCapped,

    /// <summary>Too many calls failed in a row; no more were made.</summary>
    BreakerOpen,

    /// <summary>Every call of a level failed (too few to open the circuit): nothing was left to reduce.</summary>
    Failed,

    /// <summary>The overall timeout passed.</summary>
    TimedOut,

    /// <summary>There was nothing to summarise.</summary>
    Empty,
}
