using Strata.Core.Storage;

namespace Strata.Core.Metrics;

/// <summary>
/// The metrics Strata records. Counters and the latency histogram count what happened in this process; gauges
/// (queue depth, bytes stored, runs, potential duplicates) are read from the database at scrape time, so every
/// process reports the same totals whichever worker did the work.
/// </summary>
public sealed class StrataMetrics
{
    public const string Prefix = "strata_";

    public StrataMetrics(MetricsRegistry? registry = null)
    {
        Registry = registry ?? new MetricsRegistry();
        Jobs = Registry.Gauge(Prefix + "jobs", "Jobs in the queue by kind and state.", "kind", "state");
        Uploads = Registry.Counter(Prefix + "uploads_total", "Blob uploads by result (an ingest's first try and every retry).", "result");
        InterpretationSeconds = Registry.Histogram(Prefix + "interpretation_duration_seconds", "How long interpretations took, from start to finish.",
            [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]);
        Interpretations = Registry.Counter(Prefix + "interpretations_total", "Finished interpretations by outcome (completed, failed, timeout).", "outcome");
        UnknownFields = Registry.Counter(Prefix + "unknown_fields_total", "Values interpretations kept as raw fragments because no schema declares them.");
        QuotaRejections = Registry.Counter(Prefix + "quota_rejections_total", "Operations refused by a quota, by kind (storage, interpretation).", "kind");
        StorageBytes = Registry.Gauge(Prefix + "storage_bytes", "Bytes stored over all users (the quota counters).");
        PotentialDuplicates = Registry.Gauge(Prefix + "potential_duplicates", "Pending potential duplicate pairs over all users.");
        Merges = Registry.Counter(Prefix + "merges_total", "Entity merges.");
        Runs = Registry.Gauge(Prefix + "runs", "Runs by status over all users.", "status");
        Imports = Registry.Counter(Prefix + "imports_total", "Chat-history imports started, by provider (chatgpt, claude, messages).", "provider");
        BlockRunJobs = Registry.Counter(Prefix + "block_run_jobs_total", "Block-run jobs (a run's lanes) worked in this process.");
        RecallQueries = Registry.Counter(Prefix + "recall_queries_total", "Recall questions answered.");
        Exports = Registry.Counter(Prefix + "exports_total", "Export downloads this server sent whole, by kind.", "kind");

        // Known label values start at zero, so a scrape shows them before the first event.
        foreach (var result in new[] { "success", "failure" }) Uploads.Add(0, result);
        foreach (var outcome in new[] { InterpretationOutcomes.Completed, InterpretationOutcomes.Failed, InterpretationOutcomes.Timeout }) Interpretations.Add(0, outcome);
        foreach (var kind in new[] { QuotaKinds.Storage, QuotaKinds.Interpretation }) QuotaRejections.Add(0, kind);
        foreach (var provider in new[] { Core.Imports.ChatProviders.ChatGpt, Core.Imports.ChatProviders.Claude, Core.Imports.ChatProviders.Messages }) Imports.Add(0, provider);
        foreach (var kind in ExportKinds.All) Exports.Add(0, kind);
    }

    public MetricsRegistry Registry { get; }

    public Gauge Jobs { get; }

    public Counter Uploads { get; }

    public Histogram InterpretationSeconds { get; }

    public Counter Interpretations { get; }

    public Counter UnknownFields { get; }

    public Counter QuotaRejections { get; }

    public Gauge StorageBytes { get; }

    public Gauge PotentialDuplicates { get; }

    public Counter Merges { get; }

    public Gauge Runs { get; }

    public Counter Imports { get; }

    public Counter BlockRunJobs { get; }

    public Counter RecallQueries { get; }

    /// <summary>Downloads from <c>/v1/exports/...</c> and <c>/v1/archive</c> that reached their last byte.</summary>
    public Counter Exports { get; }

    public void UploadAttempted(bool succeeded) => Uploads.Inc(succeeded ? "success" : "failure");

    public void InterpretationFinished(string outcome, TimeSpan? took, int unknownFields)
    {
        Interpretations.Inc(outcome);
        if (took is { } duration) InterpretationSeconds.Observe(duration.TotalSeconds);
        if (unknownFields > 0) UnknownFields.Add(unknownFields);
    }

    /// <summary>Reads the gauges from the database and renders every metric in the Prometheus text format.</summary>
    public async Task<string> RenderAsync(IStrataStore store, CancellationToken cancellationToken)
    {
        var counts = await store.Jobs.CountAsync(cancellationToken);
        Jobs.Replace(counts.Select(c => (new[] { c.Kind, c.State }, (double)c.Count)));
        var gauges = await store.Maintenance.ReadGaugesAsync(cancellationToken);
        StorageBytes.Set(gauges.StorageBytes);
        PotentialDuplicates.Set(gauges.PotentialDuplicates);
        Runs.Replace(gauges.RunsByStatus.Select(r => (new[] { r.Key }, (double)r.Value)));
        return PrometheusText.Render(Registry);
    }
}

public static class InterpretationOutcomes
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Timeout = "timeout";
}

public static class QuotaKinds
{
    public const string Storage = "storage";
    public const string Interpretation = "interpretation";
}
