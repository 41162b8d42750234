using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Embeds the user's indexed units that have no vector for a model, a batch per provider call, and writes the vectors of
/// several calls — at least <paramref name="unitsPerTransaction"/> units, or the last — in one transaction (a vector is keyed
/// by user, model and unit and written with <c>ON CONFLICT DO NOTHING</c>, so a batch retried or raced by another worker
/// adds nothing twice). A crash loses at most the vectors not yet written; the job's retry (or the lease rescuer's) resumes with the units still missing. When none are
/// missing, the other models' vectors are deleted in the transaction that completes the job: until then they keep serving.
/// A job for a model that is no longer the configured one ends without work.
/// </summary>
public sealed class EmbeddingBackfillJobHandler(IStrataStore store, IEmbedder embedder, int unitsPerTransaction) : IJobHandler
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
        // Pipelined: the next batch is embedded while this one is written, so the store's time hides behind the provider's.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batch = await MissingAsync(userId, model, null, cancellationToken);
        var embedding = batch.Count == 0 ? null : EmbedAsync(model, batch, stop.Token);
        try
        {
            var unwritten = new List<(UnitKey Key, float[] Vector)>();
            for (var written = 0; embedding is not null;)
            {
                var vectors = await embedding;
                unwritten.AddRange(batch.Select((u, i) => (u.Key, vectors[i])));
                var next = await MissingAsync(userId, model, batch[^1].Key, cancellationToken);
                embedding = next.Count == 0 ? null : EmbedAsync(model, next, stop.Token);
                if (unwritten.Count >= unitsPerTransaction || embedding is null)
                {
                    await using var write = await store.OpenWriteAsync(userId, cancellationToken);
                    await write.Recall.AddVectorsAsync(model, unwritten, cancellationToken);
                    // A crash test's hold point: inside a write after the first, so one is committed and one is not.
                    if (written++ > 0) await HoldPoint.ReachedAsync("embedding-batch", cancellationToken);
                    await write.CommitAsync(cancellationToken);
                    unwritten = [];
                }
                batch = next;
            }
        }
        finally
        {
            if (embedding is { IsCompleted: false }) await AbandonAsync(embedding, stop);
        }
        await using var finish = await store.OpenWriteAsync(userId, cancellationToken);
        // One walk from the start: units added behind the walk (a conversion meanwhile) keep the old vectors serving.
        if ((await finish.Recall.UnembeddedAsync(model, null, 1, cancellationToken)).Count == 0) await finish.Recall.DeleteOtherModelsAsync(model, cancellationToken);
        return await RunLedger.CommitWithJobAsync(finish, context.Lease, JobResult.Completed, cancellationToken);
    }

    private async Task<IReadOnlyList<UnitText>> MissingAsync(string userId, string model, UnitKey? after, CancellationToken cancellationToken)
    {
        await using var read = await store.OpenReadAsync(userId, cancellationToken);
        return await read.Recall.UnembeddedAsync(model, after, embedder.BatchSize, cancellationToken);
    }

    private async Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<UnitText> units, CancellationToken cancellationToken)
    {
        var vectors = await embedder.EmbedAsync(model, units.Select(u => u.Text.Length > MaxTextLength ? u.Text[..MaxTextLength] : u.Text).ToList(),
            cancellationToken);
        return vectors.Count == units.Count
            ? vectors
            : throw new InvalidOperationException($"The embedding provider answered {vectors.Count} vectors for {units.Count} texts.");
    }

    /// <summary>A write failed with the next batch's call in flight: the call is cancelled and awaited, its outcome moot
    /// (the write's exception is the attempt's failure, and the retry embeds that batch again).</summary>
    private static async Task AbandonAsync(Task<IReadOnlyList<float[]>> embedding, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        try
        {
            await embedding;
        }
        catch (Exception moot) when (moot is OperationCanceledException || stop.IsCancellationRequested)
        {
            // cancelled on purpose
        }
    }
}
