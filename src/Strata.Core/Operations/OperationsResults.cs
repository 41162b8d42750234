using System.Text.Json;

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

/// <summary>One potential duplicate pair; <c>score</c> is the probability (0..1) that the two are one, from every
/// compared field; <c>reasons</c> says how each field agreed: <c>"agree"</c>, <c>"disagree"</c>, a similarity between
/// 0 and 1, <c>"transposed"</c> (day and month swapped) or <c>"one_digit"</c> for dates, and
/// <c>"name_order": "swapped"</c> when given and family name were compared crossed. A field missing on either side is
/// not listed: it neither helped nor hurt.</summary>
public sealed record DuplicateView(
    string EntityType,
    DuplicateEntityView EntityA,
    DuplicateEntityView EntityB,
    double Score,
    string Status,
    DateTimeOffset DetectedAt,
    DateTimeOffset? DismissedAt,
    IReadOnlyDictionary<string, JsonElement> Reasons);

/// <summary>A page of pairs, best score first: <see cref="NextCursor"/> continues it; <see cref="Total"/> only when asked for.</summary>
public sealed record DuplicateList(IReadOnlyList<DuplicateView> Duplicates, string? NextCursor, int? Total);

/// <summary>The result of a duplicate scan over one user's entities. Only entities new or changed since the last scan
/// are looked at (<see cref="EntitiesScanned"/>), each compared with the entities sharing one of its blocking keys
/// (<see cref="PairsCompared"/>, never all pairs).</summary>
/// <param name="AutoMerged">Pairs merged because they scored at least their schema's auto-merge threshold.</param>
public sealed record DuplicateScanResult(int EntitiesScanned, int PairsCompared, int PairsFound, int NewPairs, int AutoMerged);

/// <summary><c>/health</c>: <c>ok</c>, <c>degraded</c> (working, with a problem) or <c>down</c>, overall and per check.</summary>
public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyList<HealthCheck> Checks);

public sealed record HealthCheck(string Name, string Status, string? Detail);

public static class HealthStatuses
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";
}
