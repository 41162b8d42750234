namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// The embedding port: texts in, one vector each out, from a named model. One call at the height of a provider request
/// (as Microsoft.Extensions.AI's <c>IEmbeddingGenerator</c>); the backfill and the vector signal are workflows in Core.
/// The model is an argument because the vectors of a previous model keep serving (their queries embedded by it) while
/// a new model's backfill runs.
/// </summary>
public interface IEmbedder
{
    /// <summary>The configured model: the one the backfill embeds with.</summary>
    string Model { get; }

    /// <summary>Texts sent per call.</summary>
    int BatchSize { get; }

    Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
