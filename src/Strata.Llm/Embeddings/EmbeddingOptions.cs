namespace Strata.Llm.Embeddings;

/// <summary>An OpenAI-compatible embedding endpoint (configuration section <c>Embeddings</c>).</summary>
public sealed record EmbeddingOptions
{
    public const int DefaultBatchSize = 64;

    public required Uri BaseUrl { get; init; }

    public required string Model { get; init; }

    public int BatchSize { get; init; } = DefaultBatchSize;
}
