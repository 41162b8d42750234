using Strata.Core.Jobs;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core;

/// <summary>Settings the core services need; hosts fill them from flags, environment and configuration.</summary>
public sealed record StrataOptions
{
    public const long DefaultMaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>Where incoming bytes wait while they are hashed, and where bytes wait for a failed upload's retry.</summary>
    public required string SpoolDirectory { get; init; }

    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>Bound on entities in one structured write.</summary>
    public int MaxStructuredEntities { get; init; } = 10_000;

    public PlanCatalog Plans { get; init; } = PlanCatalog.Defaults;

    public WorkerOptions Worker { get; init; } = new();

    public WriteLimits Limits { get; init; } = new();

    /// <summary>Outbound webhook deliveries: address checks, timeout, back-off (<c>Webhooks:…</c>).</summary>
    public Webhooks.WebhookOptions Webhooks { get; init; } = new();

    /// <summary>Providers, models, the server's default model and the sealer of users' provider keys (none by default).</summary>
    public Llm.LlmSetup Llm { get; init; } = Core.Llm.LlmSetup.None;

    /// <summary>How many bytes refused by the blob store may wait in the database for their upload.</summary>
    public Sources.PendingUploadLimits PendingUploads { get; init; } = new();

    /// <summary>Chat imports: batch size, full-pass concurrency, the share of users on the newer pipeline.</summary>
    public Imports.ChatImportOptions ChatImports { get; init; } = new();

    /// <summary>What the memory-server profile's <c>search_nodes</c> keeps in memory of every user's graph
    /// (<see cref="MemoryServer.MemorySearchIndex"/>, <c>MemoryServer:SearchCacheBytes</c>): 64 MiB holds about 50,000 entities of a
    /// few observations with a relation each; 0 keeps none.</summary>
    public long MemorySearchCacheBytes { get; init; } = DefaultMemorySearchCacheBytes;

    public const long DefaultMemorySearchCacheBytes = 64L * 1024 * 1024;

    /// <summary>Recall's bounds and fusion weights.</summary>
    public Recall.RecallOptions Recall { get; init; } = new();
}
