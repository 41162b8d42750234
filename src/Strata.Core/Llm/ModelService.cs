using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Llm;

/// <summary>
/// Which model a run uses. The priority chain: the request, then the schema's prompt config, then the user's default,
/// then the server's (<c>Llm:DefaultModel</c>); the first one named wins and must name a configured provider. Also
/// <c>list_models</c> and <c>set_default_model</c>.
/// </summary>
public sealed class ModelService(IStrataStore store, LlmSetup setup, ProviderKeyService keys, TimeProvider clock)
{
    /// <summary>The model for a run, with the user's key for its provider when they stored one.</summary>
    /// <param name="requested">The request's model (<c>--model</c>), <c>provider/model</c>; null when none was asked for.</param>
    /// <param name="schemaModel">The model in the schema's prompt config, if it names one.</param>
    /// <exception cref="StrataException"><c>LLM_NOT_CONFIGURED</c>, saying how to configure one.</exception>
    public async Task<ChosenModel> ChooseAsync(string userId, string? requested, string? schemaModel, CancellationToken cancellationToken)
    {
        var userDefault = await UserDefaultAsync(userId, cancellationToken);
        var (name, chosenBy) = ModelNames.First(requested, schemaModel, userDefault, setup.DefaultModel)
            ?? throw new StrataException(ErrorCodes.LlmNotConfigured, "No language model is configured. " + LlmSetupText.HowTo);
        var (provider, model) = Parse(name, chosenBy);
        return new ChosenModel(provider, model, chosenBy, await keys.ResolveAsync(userId, provider.Name, cancellationToken));
    }

    public async Task<ModelsView> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var userDefault = await UserDefaultAsync(userId, cancellationToken);
        var stored = (await keys.ListAsync(userId, cancellationToken)).Keys;
        var providers = setup.Providers.Select(p =>
        {
            var own = stored.FirstOrDefault(k => string.Equals(k.Provider, p.Name, StringComparison.OrdinalIgnoreCase));
            return new ProviderView(p.Name, p.Kind, p.BaseUrl, p.Models, own is not null ? "user" : p.HasServerKey ? "server" : "none", own?.Fingerprint);
        }).ToList();
        var effective = ModelNames.First(null, null, userDefault, setup.DefaultModel);
        return new ModelsView(effective?.Model, effective?.ChosenBy, userDefault, setup.DefaultModel, providers);
    }

    /// <summary>Sets the user's default model (checked against the configured providers), or clears it with null.</summary>
    public async Task<ModelsView> SetDefaultAsync(string userId, string? model, CancellationToken cancellationToken)
    {
        string? name = null;
        if (!string.IsNullOrWhiteSpace(model))
        {
            var (provider, modelName) = Parse(model.Trim(), "default you set");
            name = $"{provider.Name}/{modelName}";
        }
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            await session.LlmSettings.SetDefaultModelAsync(name, clock.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        return await ListAsync(userId, cancellationToken);
    }

    private async Task<string?> UserDefaultAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return await session.LlmSettings.GetDefaultModelAsync(cancellationToken);
    }

    private (LlmProvider Provider, string Model) Parse(string name, string chosenBy)
    {
        if (ModelNames.TryParse(name) is not var (providerName, model))
        {
            throw StrataException.Validation($"The model '{name}' ({chosenBy}) must be written provider/model, such as anthropic/claude-sonnet-4-5.");
        }
        var provider = setup.Provider(providerName) ?? throw new StrataException(ErrorCodes.LlmNotConfigured,
            $"The {chosenBy} asks for model {name}, but provider '{providerName}' is not configured ({LlmSetupText.Configured(setup)}). "
            + $"Add it with STRATA_LLM__PROVIDERS__{providerName.ToUpperInvariant()}__BASEURL. See docs/llm.md.");
        return (provider, model);
    }
}
