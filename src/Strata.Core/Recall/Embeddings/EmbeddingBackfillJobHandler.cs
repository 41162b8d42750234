using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Embeds the user's indexed units that have no vector for a model, a batch at a time: each batch is one provider call
/// and one transaction that writes its vectors (a vector is keyed by user, model and unit and written with
/// <c>ON CONFLICT DO NOTHING</c>, so a batch retried or raced by another worker adds nothing twice). A crash loses at most
/// the batch in flight; the job's retry (or the lease rescuer's) resumes with the units still missing. When none are
/// missing, the other models' vectors are deleted in the transaction that completes the job: until then they keep serving.
/// A job for a model that is no longer the configured one ends without work.
/// </summary>
public sealed class EmbeddingBackfillJobHandler(IStrataStore store, IEmbedder embedder) : IJobHandler
{
    public const string ModelKey = "model";

    /// <summary>Characters of a unit sent to the provider: a very long block is embedded by its beginning.</summary>
    public const int MaxTextLength = 8000;

    public string Kind => JobKinds.EmbedRecall;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>The backfill of <paramref name="model"/> for one user; <paramref name="occasion"/> makes the unique key, so
    /// each occasion (a unit count, a document converted) enqueues at most one job however often it is asked.</summary>
    public static JobRequest Request(string userId, string model, string occasion) =>
        new(JobKinds.EmbedRecall, JobPayload.Of(ModelKey, model), userId)
        {
            Subject = userId,
            UniqueKey = $"embed:{userId}:{model}:{occasion}",
        };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Embedding job {context.Job.Id} has no user.");
        var model = JobPayload.Read(context.Job, ModelKey);
        if (model != embedder.Model) return JobResult.Completed;
        var batches = 0;
        while (true)
        {
            IReadOnlyList<UnitText> missing;
            await using (var read = await store.OpenAsync(userId, write: false, cancellationToken))
            {
                missing = await read.Recall.UnembeddedAsync(model, embedder.BatchSize, cancellationToken);
            }
            if (missing.Count == 0) break;
            var vectors = await embedder.EmbedAsync(model, missing.Select(u => u.Text.Length > MaxTextLength ? u.Text[..MaxTextLength] : u.Text).ToList(),
                cancellationToken);
            if (vectors.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embedding provider answered {vectors.Count} vectors for {missing.Count} texts.");
            }
            await using var write = await store.OpenAsync(userId, write: true, cancellationToken);
            await write.Recall.AddVectorsAsync(model, missing.Select((u, i) => (u.Key, vectors[i])).ToList(), cancellationToken);
            // A crash test's hold point: inside a batch after the first, so one batch is committed and one is not.
            if (batches++ > 0) await HoldPoint.ReachedAsync("embedding-batch", cancellationToken);
            await write.CommitAsync(cancellationToken);
        }
        await using var finish = await store.OpenAsync(userId, write: true, cancellationToken);
        if ((await finish.Recall.UnembeddedAsync(model, 1, cancellationToken)).Count == 0) await finish.Recall.DeleteOtherModelsAsync(model, cancellationToken);
        if (!await finish.Jobs.CompleteAsync(context.Lease, cancellationToken)) return JobResult.LeaseLost;
        await finish.CommitAsync(cancellationToken);
        return JobResult.Settled;
    }
}
