using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core.Extraction;
using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Accounting;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;

namespace Strata.Llm.Hosting;

/// <summary>
/// The one registration of the model side: the configured providers (<c>Llm:Providers:…</c>), the model chain's last link
/// (<c>Llm:DefaultModel</c>) and the prices, as the core's <see cref="ILanguageModels"/>. A provider is added in its own
/// folder and one <see cref="ProviderKind"/> (see docs/architecture.md); nothing here changes. With no model configured,
/// asking for an LLM run answers <c>LLM_NOT_CONFIGURED</c> with how to configure one, and nothing else changes.
/// </summary>
public sealed class LlmModels(LlmOptions options, LlmClientFactory clients) : ILanguageModels
{
    /// <summary>The host's model side from configuration (<c>Llm:…</c>), with how runs pace their calls.</summary>
    public static LlmHost Create(IConfiguration configuration, TimeProvider clock, ILoggerFactory loggers) =>
        Create(LlmConfiguration.Read(configuration), LlmRunOptions.Read(configuration), clock, loggers);

    public static LlmHost Create(LlmOptions options, LlmRunOptions runOptions, TimeProvider clock, ILoggerFactory loggers) =>
        new(new LlmModels(options, new LlmClientFactory(ProviderHttp.Client, options, clock, loggers)), runOptions, clock);

    public bool Wired => true;

    public ModelPick Select(string? request, string? schema, string? user)
    {
        var choice = ModelSelector.Select(ModelRef.TryParse(request), ModelRef.TryParse(schema), ModelRef.TryParse(user), options);
        return new ModelPick(choice.Provider.Name, choice.Model.Model, choice.ChosenBy, choice.Provider.ApiKey?.Fingerprint);
    }

    public IModelClient Client(string provider, string? userKey) => options.Providers.TryGetValue(provider, out var configured)
        ? clients.Create(configured, userKey is null ? null : new ApiKey(userKey))
        : new NotConfiguredModelClient(
            $"The run asks for provider '{provider}', which this worker has no configuration for. {LlmInterpreter.NotConfiguredMessage}");

    public decimal? Cost(TokenUsage usage, string model) => CallCost.Of(usage, model, options.Prices);
}
