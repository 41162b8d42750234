using System.Text.Json;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Resilience;

namespace Strata.Llm.Embeddings;

/// <summary>OpenAI-compatible <c>POST {base}/embeddings</c>: texts sent <see cref="IEmbedder.BatchSize"/> at a time through the
/// resilient sender (retries, backoff, <c>retry-after</c>, per-attempt timeout, as the LLM client). The key is optional
/// (local servers take none) and never leaves the request header: <see cref="ApiKey"/> prints only its fingerprint.</summary>
public sealed class OpenAiCompatibleEmbedder(ResilientSender sender, EmbeddingOptions options, ApiKey? apiKey) : IEmbedder
{
    public string Model => options.Model;

    public int BatchSize => options.BatchSize;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        for (var first = 0; first < texts.Count; first += BatchSize)
        {
            var batch = texts.Skip(first).Take(BatchSize).ToList();
            var body = JsonSerializer.Serialize(new OpenAiEmbeddingRequest(model, batch, "float"), OpenAiEmbeddingJsonContext.Default.OpenAiEmbeddingRequest);
            var answer = await sender.SendAsync(() => JsonPost.To(Endpoint.Join(options.BaseUrl, "embeddings"), body, apiKey), cancellationToken).ConfigureAwait(false);
            vectors.AddRange(Read(answer, batch.Count));
        }
        return vectors;
    }

    /// <summary>The vectors in the order of the texts (the wire gives each its index); a missing or short answer is malformed.</summary>
    private static IEnumerable<float[]> Read(HttpAnswer answer, int count)
    {
        var wire = WireJson.Deserialize(answer, OpenAiEmbeddingJsonContext.Default.OpenAiEmbeddingResponse);
        var data = wire.Data ?? [];
        var byIndex = data.Where(d => d.Embedding is { Length: > 0 }).ToDictionary(d => d.Index, d => d.Embedding!);
        if (byIndex.Count != count || Enumerable.Range(0, count).Any(i => !byIndex.ContainsKey(i)))
        {
            throw new LlmCallException(LlmFailureKind.MalformedResponse,
                $"The embedding provider answered {byIndex.Count} vectors for {count} texts.", 200, answer.Body, answer.Retries);
        }
        return Enumerable.Range(0, count).Select(i => byIndex[i]);
    }
}
