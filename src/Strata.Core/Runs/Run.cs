namespace Strata.Core.Runs;

/// <summary>One interpretation of one source under one config. Never edited after it finishes. While it runs, its
/// counters are its progress: a long run commits in slices, and each slice adds to them.</summary>
/// <param name="ValuesTooLong">Values left out because they are longer than the configured limit.</param>
public sealed record Run(
    string Id,
    string UserId,
    string SourceId,
    string Interpreter,
    string InterpreterVersion,
    string ConfigJson,
    string ConfigHash,
    string Status,
    int ItemsCount,
    int ObservationsCreated,
    int UnknownFieldsCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? ArchivedAt = null,
    int ValuesTooLong = 0)
{
    public bool IsFinished => RunStatuses.IsFinished(Status);
}

public static class RunStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled;
}
