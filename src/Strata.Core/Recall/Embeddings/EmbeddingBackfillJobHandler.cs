using Strata.Core.Jobs;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Embeds the user's indexed units that have no vector for a model, walking them in key order a page at a time: a page is
/// the units of one write transaction — at least <paramref name="unitsPerTransaction"/>, in whole provider calls — read
/// while the page before is embedded, and written by a <see cref="BackfillVectorWriter"/> in the background while the
/// next is embedded (at most two writes queued, so memory stays bounded). A vector is keyed by user, model and unit and
/// written with <c>ON CONFLICT DO NOTHING</c>, so a page retried or raced by another worker adds nothing twice. A crash or
/// a failure loses at most the pages not yet committed; the job's retry (or the lease rescuer's) resumes with the units
/// still missing. When none are missing, the other models' vectors are deleted in the transaction that completes the job:
/// until then they keep serving. A job for a model that is no longer the configured one ends without work.
/// </summary>
public sealed class EmbeddingBackfillJobHandler(IStrataStore store, IEmbedder embedder, int unitsPerTransaction) : IJobHandler
{
    public const string ModelKey = "model";

    /// <summary>Characters of a unit sent to the provider: a very long block is embedded by its beginning.</summary>
    public const int MaxTextLength = 8000;

    public string Kind => JobKinds.EmbedRecall;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>The units of one page: <paramref name="unitsPerTransaction"/> rounded up to whole provider calls.</summary>
    private int PageSize => (Math.Max(unitsPerTransaction, 1) + embedder.BatchSize - 1) / embedder.BatchSize * embedder.BatchSize;

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
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = new BackfillVectorWriter(store, userId, model, stop.Token);
        Task<IReadOnlyList<UnitText>>? reading = null;
        var completed = false;
        try
        {
            var page = await MissingAsync(userId, model, null, stop.Token);
            while (page.Count > 0)
            {
                // A short page is the walk's last; otherwise the next is read while this one is embedded.
                reading = page.Count < PageSize ? null : MissingAsync(userId, model, page[^1].Key, stop.Token);
                var vectors = await EmbedAsync(model, page, stop.Token);
                await writer.WriteAsync(page.Select((u, i) => (u.Key, vectors[i])).ToList(), stop.Token);
                page = reading is null ? [] : await reading;
                reading = null;
            }
            await writer.CompleteAsync();
            completed = true;
        }
        finally
        {
            if (!completed) await AbandonAsync(stop, writer, reading);
        }
        await using var finish = await store.OpenWriteAsync(userId, cancellationToken);
        // One walk from the start: units added behind the walk (a conversion meanwhile) keep the old vectors serving.
        if ((await finish.Recall.UnembeddedAsync(model, null, 1, cancellationToken)).Count == 0) await finish.Recall.DeleteOtherModelsAsync(model, cancellationToken);
        return await RunLedger.CommitWithJobAsync(finish, context.Lease, JobResult.Completed, cancellationToken);
    }

    /// <summary>A page of missing units with their text, on a pool thread: a database client that completes synchronously
    /// (SQLite's) still reads beside the provider call rather than before it.</summary>
    private Task<IReadOnlyList<UnitText>> MissingAsync(string userId, string model, UnitKey? after, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var read = await store.OpenReadAsync(userId, cancellationToken);
            return await read.Recall.UnembeddedAsync(model, after, PageSize, cancellationToken);
        }, cancellationToken);

    private async Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<UnitText> units, CancellationToken cancellationToken)
    {
        var vectors = await embedder.EmbedAsync(model, units.Select(u => u.Text.Length > MaxTextLength ? u.Text[..MaxTextLength] : u.Text).ToList(),
            cancellationToken);
        return vectors.Count == units.Count
            ? vectors
            : throw new InvalidOperationException($"The embedding provider answered {vectors.Count} vectors for {units.Count} texts.");
    }

    /// <summary>The backfill failed (a provider call, a read or a write): the read ahead and the writes not yet committed
    /// are cancelled and awaited, their outcome moot — the first failure is the attempt's, and the retry embeds those
    /// units again.</summary>
    private static async Task AbandonAsync(CancellationTokenSource stop, BackfillVectorWriter writer, Task<IReadOnlyList<UnitText>>? reading)
    {
        await stop.CancelAsync();
        await writer.AbandonAsync();
        if (reading is not null) await Task.WhenAny(reading);
    }
}
