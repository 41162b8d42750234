using System.Text.Json;

namespace Strata.Core.Duplicates;

/// <summary>An entity as a duplicate scan compares it: its snapshot's fields and when the snapshot was written.</summary>
public sealed record ComparableEntity(string Id, string EntityType, string CanonicalName, IReadOnlyDictionary<string, JsonElement> Fields,
    DateTimeOffset UpdatedAt, int ObservationCount);

/// <summary>Where a paged read of changed entities stopped.</summary>
public sealed record ScanCursor(DateTimeOffset UpdatedAt, string Id);

/// <summary>An entity's blocking keys (see <see cref="Scoring.BlockingKeys"/>).</summary>
public sealed record EntityKeys(string EntityId, string EntityType, IReadOnlySet<string> Keys);

/// <summary>An entity found in a block of <see cref="EntityId"/>'s.</summary>
public sealed record BlockMatch(string EntityId, string CandidateId);

/// <summary>Two entities of one type that may be one; <see cref="EntityA"/> sorts before <see cref="EntityB"/>.
/// <see cref="ReasonsJson"/> holds each compared field's agreement (<c>{"birthday":"agree","family_name":0.97}</c>).</summary>
public sealed record DuplicatePair(string EntityType, string EntityA, string EntityB, double Score, string ReasonsJson = "{}");

public sealed record DuplicateCandidate(
    string EntityType,
    string EntityA,
    string NameA,
    string EntityB,
    string NameB,
    double Score,
    string Status,
    DateTimeOffset DetectedAt,
    DateTimeOffset? DismissedAt,
    string ReasonsJson = "{}");

public static class DuplicateStatuses
{
    public const string Pending = "pending";
    public const string Dismissed = "dismissed";
}
