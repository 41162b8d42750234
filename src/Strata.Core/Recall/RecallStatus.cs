using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>The user's recall index and its background runs as <c>recall_status</c> shows them (docs/recall.md).</summary>
/// <param name="Units">Messages and document blocks in the word index.</param>
/// <param name="Index">The index run over documents converted before the index existed.</param>
/// <param name="Embedding">The embedding backfill of the configured model; null without an embedding provider.</param>
public sealed record RecallStatus(long Units, RecallIndexProgress Index, RecallEmbeddingProgress? Embedding);

/// <param name="Done">Documents indexed by the run so far.</param>
/// <param name="Total">Documents the run has to index (0 when none is left: the list is deleted as the run completes).</param>
/// <param name="State">done, queued, running, failed or not_queued (see <see cref="RecallStatusQuery"/>).</param>
public sealed record RecallIndexProgress(int Done, int Total, string State);

/// <param name="Done">Units with a vector of <paramref name="Model"/>.</param>
/// <param name="Total">Units in the index: the backfill is done when every one has a vector.</param>
/// <param name="OtherModels">Units with vectors of earlier models, kept serving until the configured one covers every unit.</param>
public sealed record RecallEmbeddingProgress(string Model, long Done, long Total, string State, IReadOnlyDictionary<string, long> OtherModels);

/// <summary>
/// Reads the recall status of one user in one read session: the index's unit count, the index run's documents done of
/// total, and the embedding backfill's units with vectors of all units, each with the state of its jobs (a run's state
/// comes from the job queue, as every background run's does): <c>done</c> when nothing is left, else <c>running</c>,
/// <c>queued</c>, <c>failed</c> or <c>not_queued</c>.
/// </summary>
public sealed class RecallStatusQuery(IStrataStore store, Embeddings.IEmbedder? embedder)
{
    public async Task<RecallStatus> StatusAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var units = (await session.Recall.StatisticsAsync(cancellationToken)).Units;
        var (pending, listed) = await session.Recall.PendingDocumentsAsync(cancellationToken);
        var index = new RecallIndexProgress(listed - pending, listed,
            pending == 0 ? "done" : State(await session.Jobs.CountBySubjectAsync(JobKinds.IndexRecall, userId, cancellationToken)));
        if (embedder is null) return new RecallStatus(units, index, null);
        var counts = await session.Recall.VectorCountsAsync(cancellationToken);
        var done = counts.GetValueOrDefault(embedder.Model).Vectors;
        var state = done >= units ? "done" : State(await session.Jobs.CountBySubjectAsync(JobKinds.EmbedRecall, userId, cancellationToken));
        var others = counts.Where(c => c.Key != embedder.Model).OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value.Vectors, StringComparer.Ordinal);
        return new RecallStatus(units, index, new RecallEmbeddingProgress(embedder.Model, done, units, state, others));
    }

    /// <summary>Running when one of the run's jobs is; else queued when one is due or waiting for a retry; else failed when
    /// one spent its attempts (a question queues a new one); else not queued (every job completed with work left: units added
    /// after it ran, whose own job is not queued yet).</summary>
    private static string State(IReadOnlyList<JobCount> jobs) =>
        jobs.Any(j => j.State == JobStates.Running) ? "running"
        : jobs.Any(j => j.State is JobStates.Available or JobStates.Retryable) ? "queued"
        : jobs.Any(j => j.State is JobStates.Failed or JobStates.Cancelled) ? "failed"
        : "not_queued";
}
