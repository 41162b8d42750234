using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Extraction;

/// <summary>
/// The model and key of an LLM run. The model: the request's, then the schema's prompt config, then the user's default
/// (<c>models default</c>), then <c>Llm:DefaultModel</c> (<see cref="ILanguageModels.Select"/>). The schema's is that of the
/// run's entity type when it names one, else the one model the user's registered schemas agree on. The key: the user's own
/// stored key for the provider when they set one, else the provider's server-wide key. The run's config records which link
/// chose the model and whose key the calls use, with its fingerprint; never the key.
/// </summary>
internal static class RunModel
{
    public sealed record Choice(ModelPick Model, string KeySource, string? KeyFingerprint);

    public static async Task<Choice> ChooseAsync(IStoreReader session, string? requested, string? entityType,
        IReadOnlyList<RegisteredSchema> registered, ILanguageModels models, bool canOpenKeys, CancellationToken cancellationToken)
    {
        var user = await session.LlmSettings.GetDefaultModelAsync(cancellationToken);
        var choice = models.Select(requested, SchemaModel(registered, entityType), user);
        var stored = canOpenKeys ? await StoredKeyAsync(session, choice.Provider, cancellationToken) : null;
        return stored is not null ? new Choice(choice, "user", stored.Fingerprint)
            : choice.ServerKeyFingerprint is { } server ? new Choice(choice, "server", server)
            : new Choice(choice, "none", null);
    }

    /// <summary>The model named by the prompt config of the schema for <paramref name="entityType"/>; with no type, the
    /// model the user's schemas name if they all name the same one.</summary>
    public static string? SchemaModel(IReadOnlyList<RegisteredSchema> registered, string? entityType)
    {
        if (!string.IsNullOrWhiteSpace(entityType))
        {
            return registered.FirstOrDefault(s => string.Equals(s.Definition.EntityType, entityType, StringComparison.OrdinalIgnoreCase))
                ?.Definition.Prompt?.Model;
        }
        var named = registered.Select(s => s.Definition.Prompt?.Model).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The user's own key for the provider, opened; null when they stored none (or the host cannot open keys).</summary>
    /// <exception cref="Errors.StrataException"><c>LLM_KEY_UNREADABLE</c> when it was sealed under another server key.</exception>
    public static async Task<string?> UserKeyAsync(IStrataStore store, IProviderKeySealer? keys, string userId, string provider,
        CancellationToken cancellationToken)
    {
        if (keys is null) return null;
        StoredProviderKey? stored;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            stored = await StoredKeyAsync(session, provider, cancellationToken);
        }
        return stored is null ? null : keys.Open(userId, stored.Provider, stored.SealedKey);
    }

    private static async Task<StoredProviderKey?> StoredKeyAsync(IStoreReader session, string provider, CancellationToken cancellationToken) =>
        (await session.LlmSettings.ListKeysAsync(cancellationToken))
            .FirstOrDefault(k => string.Equals(k.Provider, provider, StringComparison.OrdinalIgnoreCase));
}
