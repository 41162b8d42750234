using Strata.Llm.Accounting;
using Strata.Llm.Resilience;

namespace Strata.Llm.Configuration;

/// <summary>Everything the LLM path reads from configuration.</summary>
public sealed record LlmOptions
{
    public IReadOnlyDictionary<string, ProviderOptions> Providers { get; init; } = new Dictionary<string, ProviderOptions>();

    /// <summary>The server's default model (<c>Llm:DefaultModel</c>), last in the priority chain.</summary>
    public ModelRef? DefaultModel { get; init; }

    public RetryOptions Retry { get; init; } = new();

    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    /// <summary><c>Llm:ServerKey</c> (base64); when absent the key file is used.</summary>
    public string? ServerKey { get; init; }

    /// <summary><c>Llm:KeyFile</c>; relative paths are the host's to resolve against the data directory.</summary>
    public string KeyFile { get; init; } = "llm-server.key";
}
