namespace Strata.Core.Hashing;

/// <summary>
/// Every id Strata derives. Ids that must be stable across retries are hashes of what identifies the thing;
/// the prefix tells a person what kind of id they hold.
/// </summary>
public static class StrataIds
{
    private const int Length = 24;

    public static string Source(string userId, string contentHash) => "src_" + Short(Sha256Hex.OfParts("source", userId, contentHash));

    public static string Entity(string userId, string entityType, string normalizedCanonicalName) =>
        "ent_" + Short(Sha256Hex.OfParts("entity", userId, entityType, normalizedCanonicalName));

    public static string Observation(string runId, string entityId, string locator) =>
        "obs_" + Short(Sha256Hex.OfParts("observation", runId, entityId, locator));

    public static string Correction(string entityId, string field, string canonicalValue, string? supersedes) =>
        "obs_" + Short(Sha256Hex.OfParts("correction", entityId, field, canonicalValue, supersedes));

    public static string RawFragment(string runId, string entityId, string locator, string field) =>
        "raw_" + Short(Sha256Hex.OfParts("raw", runId, entityId, locator, field));

    /// <summary>A structured write is one run per (source, idempotency key): retrying it is a no-op.</summary>
    public static string StructuredRun(string sourceId, string? idempotencyKey, int priority) =>
        "run_" + Short(Sha256Hex.OfParts("structured", sourceId, idempotencyKey, priority.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Interpretation runs are new every time: a reinterpretation is a new run by definition.</summary>
    public static string NewRun() => "run_" + Guid.CreateVersion7().ToString("N")[..Length];

    public static string NewMerge() => "mrg_" + Guid.CreateVersion7().ToString("N")[..Length];

    public static string User(string name) => "usr_" + Short(Sha256Hex.OfParts("user", name));

    private static string Short(string hex) => hex[..Length];
}
