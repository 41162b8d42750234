using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core.Configuration;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Embeddings.Onnx;
using Strata.Llm.Resilience;

namespace Strata.Llm.Embeddings;

/// <summary>
/// Builds the embedding provider from <c>Embeddings:Provider</c>: <c>none</c> (the default: no embedder, and recall has no
/// vector signal) or <c>openai-compatible</c> with <c>Embeddings:BaseUrl</c>, <c>Embeddings:Model</c>, optionally
/// <c>Embeddings:ApiKey</c> (or <c>STRATA_EMBEDDINGS__APIKEY</c>) and <c>Embeddings:BatchSize</c>; retries follow
/// <c>Llm:Retry</c>; or <c>onnx</c>, a local sentence encoder the user supplies (<see cref="OnnxEmbedderOptions"/>).
/// </summary>
public static class EmbedderFactory
{
    public static IEmbedder? Create(IConfiguration configuration, TimeProvider clock, ILoggerFactory loggers)
    {
        var section = configuration.GetSection("Embeddings");
        var provider = (section["Provider"] ?? "none").Trim().ToLowerInvariant();
        switch (provider)
        {
            case "" or "none":
                return null;
            case "onnx":
                return new OnnxEmbedder(OnnxEmbedderOptions.Read(section));
            case "openai-compatible" or "openai":
                break;
            default:
                throw new StrataConfigurationException($"Embeddings:Provider must be none, openai-compatible or onnx (got '{provider}').");
        }
        var baseUrl = section["BaseUrl"] is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed
            : throw new StrataConfigurationException("Embeddings:BaseUrl must be the provider's http(s) URL, e.g. http://localhost:11434/v1.");
        var model = section["Model"] is { Length: > 0 } m ? m.Trim()
            : throw new StrataConfigurationException("Embeddings:Model must name the embedding model, e.g. nomic-embed-text.");
        var batchSize = EmbeddingOptions.DefaultBatchSize;
        if (section["BatchSize"] is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out batchSize) || batchSize is < 1 or > 2048))
        {
            throw new StrataConfigurationException($"Embeddings:BatchSize must be a whole number from 1 to 2048 (got '{text}').");
        }
        var key = section["ApiKey"] is { Length: > 0 } secret ? new ApiKey(secret) : null;
        var sender = new ResilientSender(ProviderHttp.Client, LlmConfiguration.Read(configuration).Retry, clock, Random.Shared, loggers.CreateLogger<ResilientSender>());
        return new OpenAiCompatibleEmbedder(sender, new EmbeddingOptions { BaseUrl = baseUrl, Model = model, BatchSize = batchSize }, key);
    }
}
