namespace Strata.Llm.Anthropic;

/// <summary>Where and how to reach the Messages API.</summary>
public sealed record AnthropicOptions
{
    public const string DefaultBaseUrl = "https://api.anthropic.com";

    public const string DefaultVersion = "2023-06-01";

    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);

    public string Version { get; init; } = DefaultVersion;
}
