using Microsoft.Extensions.Configuration;
using Strata.Core.Llm;
using Strata.Llm.Configuration;
using Strata.Llm.Keys;

namespace Strata.Llm.Hosting;

/// <summary>Builds the core's view of the LLM configuration at start: providers (with <c>Llm:Providers:{name}:Models</c>,
/// a comma-separated list or an array), the server's default model, and the sealer of users' keys under the server key
/// (<c>Llm:ServerKey</c>, or the key file, created in the data directory with mode 0600 on first start).</summary>
public static class LlmSetupFactory
{
    public static LlmSetup Create(IConfiguration configuration, string dataDirectory)
    {
        var options = LlmConfiguration.Read(configuration);
        var keyFile = Path.IsPathRooted(options.KeyFile) ? options.KeyFile : Path.Combine(Path.GetFullPath(dataDirectory), options.KeyFile);
        var serverKey = ServerKey.Load(options.ServerKey, keyFile);
        return Create(options, configuration, new ProviderKeySealer(new ProviderKeyCipher(serverKey)));
    }

    public static LlmSetup Create(LlmOptions options, IConfiguration configuration, IProviderKeySealer? keys) => new()
    {
        Providers = options.Providers.Values
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new LlmProvider(p.Name, p.Kind.Name, p.BaseUrl.ToString(),
                Models(configuration.GetSection($"Llm:Providers:{p.Name}:Models")), p.ApiKey is not null))
            .ToList(),
        DefaultModel = options.DefaultModel?.ToString(),
        Keys = keys,
    };

    private static List<string> Models(IConfigurationSection section)
    {
        var listed = section.Value is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0);
        return listed.Distinct(StringComparer.Ordinal).ToList();
    }
}
