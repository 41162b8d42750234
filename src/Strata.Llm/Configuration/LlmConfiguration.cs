using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;
using Strata.Llm.Accounting;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Resilience;

namespace Strata.Llm.Configuration;

/// <summary>Reads the <c>Llm</c> section (strata.json, or <c>STRATA_LLM__…</c> environment variables):
/// <c>DefaultModel</c>, <c>Providers:{name}:{Kind,BaseUrl,ApiKey,Version}</c>, <c>Retry:{MaxAttempts,BaseDelay,MaxDelay,CallTimeout}</c>,
/// <c>Prices:{model}:…</c>, <c>ServerKey</c>, <c>KeyFile</c>. A value that cannot mean anything stops the host with the key named.</summary>
public static class LlmConfiguration
{
    public static LlmOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Llm");
        var providers = section.GetSection("Providers").GetChildren()
            .Select(Provider)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var defaultText = section["DefaultModel"];
        var defaultModel = ModelRef.TryParse(defaultText);
        if (!string.IsNullOrWhiteSpace(defaultText) && defaultModel is null)
        {
            throw new StrataConfigurationException($"Llm:DefaultModel must be provider/model, such as anthropic/claude-sonnet-4-5 (got '{defaultText}').");
        }
        var retry = section.GetSection("Retry");
        var defaults = new RetryOptions();
        return new LlmOptions
        {
            Providers = providers,
            DefaultModel = defaultModel,
            Retry = new RetryOptions
            {
                MaxAttempts = ConfigValues.Count(retry, "MaxAttempts", defaults.MaxAttempts, 1),
                BaseDelay = ConfigValues.Duration(retry, "BaseDelay", defaults.BaseDelay),
                MaxDelay = ConfigValues.Duration(retry, "MaxDelay", defaults.MaxDelay),
                MaxRetryAfter = ConfigValues.Duration(retry, "MaxRetryAfter", defaults.MaxRetryAfter),
                CallTimeout = ConfigValues.Duration(retry, "CallTimeout", defaults.CallTimeout),
            },
            Prices = PriceTable.From(configuration),
            ServerKey = section["ServerKey"],
            KeyFile = string.IsNullOrWhiteSpace(section["KeyFile"]) ? "llm-server.key" : section["KeyFile"]!,
        };
    }

    private static ProviderOptions Provider(IConfigurationSection section)
    {
        var kind = section["Kind"] is { } kindText
            ? ProviderKind.Find(kindText) ?? throw new StrataConfigurationException(
                $"{section.Path}:Kind must be {string.Join(" or ", ProviderKind.All.Select(k => k.Name))} (got '{kindText}').")
            : ProviderKind.Find(section.Key) ?? ProviderKind.OpenAi;
        var urlText = section["BaseUrl"] ?? kind.DefaultBaseUrl;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new StrataConfigurationException($"{section.Path}:BaseUrl must be an http or https URL (got '{urlText}').");
        }
        var key = section["ApiKey"];
        return new ProviderOptions(section.Key, kind, url, string.IsNullOrWhiteSpace(key) ? null : new ApiKey(key))
        {
            Version = section["Version"],
        };
    }
}
