using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// The <c>vector</c> signal over messages and blocks, present only when an embedding provider is configured: the question
/// embedded by the model whose vectors serve, and the units nearest to it by exact cosine. The configured model serves
/// once it covers every unit; until then the previous model's vectors keep serving (a model change re-embeds in the
/// background), and an answer from vectors that cover only part of the units says so. A question that finds vectors
/// missing enqueues the backfill (once per model and unit count). Its results are the text layer's units, under the
/// same keys, so this layer hydrates nothing itself.
/// </summary>
/// <remarks>With a <see cref="VectorMatrixCache"/>, the nearest come from the user's vectors held in memory when they fit
/// and are current; otherwise (no cache, over its cap, a project filter) from the scan of the database.</remarks>
public sealed class VectorRecallLayer(IEmbedder embedder, IJobQueue jobs, VectorMatrixCache? cache = null) : IRecallLayer
{
    public IReadOnlyList<string> Kinds { get; } = [RecallKinds.Message, RecallKinds.Block];

    public async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        var units = (await session.Recall.StatisticsAsync(cancellationToken)).Units;
        if (units == 0) return [];
        var counts = await session.Recall.VectorCountsAsync(cancellationToken);
        var configured = counts.GetValueOrDefault(embedder.Model).Vectors;
        if (configured < units && query.UserId is { } userId)
        {
            await jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(userId, embedder.Model, $"units-{units}"), cancellationToken);
        }
        var serving = configured >= units
            ? embedder.Model
            : counts.Where(c => c.Key != embedder.Model && c.Value.Vectors > configured).OrderByDescending(c => c.Value.Vectors).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key).FirstOrDefault() ?? embedder.Model;
        var covered = counts.GetValueOrDefault(serving).Vectors;
        if (covered == 0)
        {
            query.Partial($"No vectors yet for model {embedder.Model}: the embedding backfill is queued, and the vector signal is left out until it has run.");
            return [];
        }
        if (covered < units)
        {
            query.Partial($"{covered} of {units} units have vectors for model {serving} (the embedding backfill is running): the vector signal searched those.");
        }

        float[] question;
        try
        {
            question = (await embedder.EmbedAsync(serving, [query.Text], cancellationToken))[0];
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            query.Partial($"The embedding provider did not embed the question ({failure.Message}): the vector signal is left out.");
            return [];
        }
        var nearest = (cache is not null && query.UserId is { } user
                ? await cache.NearestAsync(session.Recall, user, serving, counts[serving], question, query, cancellationToken)
                : null)
            ?? await VectorSearch.NearestAsync(session.Recall, serving, question, query, cancellationToken);
        return [new RankedList(RecallSignals.Vector, nearest.Select(n => (TextRecallLayer.Key(n.Key), n.Score)).ToList())];
    }

    public Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyDictionary<string, RecallResult>>(new Dictionary<string, RecallResult>());
}
