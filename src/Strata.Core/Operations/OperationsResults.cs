namespace Strata.Core.Operations;

/// <summary>The result of <c>get_usage</c>. A null limit is unlimited.</summary>
public sealed record UsageView(
    string UserId,
    string Plan,
    string BillingMonth,
    long BytesStored,
    long? StorageLimitBytes,
    int InterpretationsThisMonth,
    int? InterpretationsLimit,
    DateTimeOffset ResetsAt,
    LlmUsageView? Llm = null);

public sealed record DuplicateEntityView(string EntityId, string CanonicalName);

/// <summary>One potential duplicate pair; <c>score</c> is the similarity of the canonical names (0..1).</summary>
public sealed record DuplicateView(
    string EntityType,
    DuplicateEntityView EntityA,
    DuplicateEntityView EntityB,
    double Score,
    string Status,
    DateTimeOffset DetectedAt,
    DateTimeOffset? DismissedAt);

public sealed record DuplicateList(IReadOnlyList<DuplicateView> Duplicates, int Total);

/// <summary>The result of a duplicate scan over one user's entities. A type with more entities than one scan compares
/// pair by pair is skipped, and listed in <see cref="SkippedTypes"/> with why, never passed over in silence.</summary>
public sealed record DuplicateScanResult(int EntitiesCompared, int PairsFound, int NewPairs, IReadOnlyList<SkippedTypeView> SkippedTypes);

/// <summary>An entity type a duplicate scan did not compare: its unmerged entities, the limit they exceed, and why in words.</summary>
public sealed record SkippedTypeView(string EntityType, int Entities, int Limit, string Reason);

/// <summary><c>/health</c>: <c>ok</c>, <c>degraded</c> (working, with a problem) or <c>down</c>, overall and per check.</summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyList<HealthCheck> Checks);

public sealed record HealthCheck(string Name, string Status, string? Detail);

public static class HealthStatuses
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";
}
