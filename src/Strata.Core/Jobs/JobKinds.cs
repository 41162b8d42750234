namespace Strata.Core.Jobs;

/// <summary>The kinds of job Strata itself enqueues. Kinds are stored in the queue: renaming one strands its jobs.</summary>
public static class JobKinds
{
    public const string Interpret = "interpret";
    public const string Upload = "upload";
    public const string ChatFullPass = "chat.full_pass";
    public const string MemoryGeneration = "chat.memory_generation";
    public const string ConvertDocument = "convert_document";
    public const string WebhookDelivery = "webhook.deliver";
    public const string EmbedRecall = "recall.embed";
    public const string IndexRecall = "recall.index";
    public const string RunTimeouts = "maintenance.run_timeouts";
    public const string ArchiveRuns = "maintenance.archive_runs";
    public const string DetectDuplicates = "maintenance.detect_duplicates";
    public const string PruneJobs = "maintenance.prune_jobs";
    public const string SweepOrphanBlobs = "maintenance.sweep_orphan_blobs";
}
