using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Configuration;

/// <summary>One configured provider (<c>Llm:Providers:{Name}</c>). <see cref="ApiKey"/> is the server-wide key,
/// used when the user has stored none; local servers need neither.</summary>
public sealed record ProviderOptions(string Name, ProviderKind Kind, Uri BaseUrl, ApiKey? ApiKey)
{
    /// <summary>The <c>anthropic-version</c> header (Anthropic only).</summary>
    public string? Version { get; init; }
}
