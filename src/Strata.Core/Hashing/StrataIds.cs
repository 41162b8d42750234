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

    /// <summary>An entity identified by an identity key (<c>email=ada@example.com</c>), a key with the distinguishing
    /// values that kept it apart (<c>…#birthday=1950-01-01</c>), or its whole content (<c>content=…</c>). The text always
    /// holds '=', which a normalised canonical name never does, so these ids never meet the name-derived ones of old.</summary>
    public static string EntityByIdentity(string userId, string entityType, string identityText) =>
        Entity(userId, entityType, identityText);

    /// <summary>The first 8 characters are the run's own (after its prefix), the other 16 a hash of the rest: the
    /// observations of one run sit together in an index by id instead of at random places, so a bulk write touches
    /// few pages; runs made now (<see cref="NewRun"/>) also sort by time.</summary>
    public static string Observation(string runId, string entityId, string locator) =>
        "obs_" + RunPart(runId) + Sha256Hex.OfParts("observation", runId, entityId, locator)[..(Length - RunPartLength)];

    private const int RunPartLength = 8;

    private static string RunPart(string runId) =>
        runId.StartsWith("run_", StringComparison.Ordinal) && runId.Length >= 4 + RunPartLength
            ? runId.Substring(4, RunPartLength)
            : Sha256Hex.OfParts("run", runId)[..RunPartLength];

    /// <summary>An observation of a relation: derived from its run and its place in it, so a retried run writes it once.</summary>
    public static string RelationObservation(string runId, string locator) =>
        "rel_" + RunPart(runId) + Sha256Hex.OfParts("relation", runId, locator)[..(Length - RunPartLength)];

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

    public static string NewSplit() => "spl_" + Guid.CreateVersion7().ToString("N")[..Length];

    /// <summary>A project is new every time (its name may change; its id never does).</summary>
    public static string NewProject() => "prj_" + Guid.CreateVersion7().ToString("N")[..Length];

    /// <summary>A document is a source in a project: adding the same source to the same project again is the same document.</summary>
    public static string Document(string userId, string projectId, string sourceId) =>
        "doc_" + Short(Sha256Hex.OfParts("document", userId, projectId, sourceId));

    /// <summary>A bulk change is a step in time: the same selection changed twice is two steps.</summary>
    public static string NewBulkChange() => "bch_" + Guid.CreateVersion7().ToString("N")[..Length];

    public static string NewDeletion() => "del_" + Guid.CreateVersion7().ToString("N")[..Length];

    public static string User(string name) => "usr_" + Short(Sha256Hex.OfParts("user", name));

    private static string Short(string hex) => hex[..Length];
}
