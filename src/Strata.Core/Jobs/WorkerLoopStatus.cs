namespace Strata.Core.Jobs;

/// <summary>One poll loop as the health report shows it.</summary>
/// <param name="State"><c>starting</c>, <c>idle</c>, <c>working</c>, <c>backing_off</c> or <c>stopped</c>.</param>
public sealed record WorkerLoopStatus(
    string Name,
    string State,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    int ConsecutiveErrors);

public static class WorkerLoopStates
{
    public const string Starting = "starting";
    public const string Idle = "idle";
    public const string Working = "working";
    public const string BackingOff = "backing_off";
    public const string Stopped = "stopped";
}
