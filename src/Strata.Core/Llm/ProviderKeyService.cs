using System.Security.Cryptography;
using System.Text;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Llm;

/// <summary>
/// Users' own provider keys (<c>set_provider_key</c>, <c>list_provider_keys</c>, <c>remove_provider_key</c>). A key is
/// sealed before it reaches the database and is never returned, logged or put in an error: callers see its
/// fingerprint. The run pipeline reads it back with <see cref="ResolveAsync"/>; a user's key wins over the server's.
/// </summary>
public sealed class ProviderKeyService(IStrataStore store, LlmSetup setup, TimeProvider clock)
{
    private const int MaxKeyLength = 4096;

    public async Task<ProviderKeyView> SetAsync(string userId, string provider, string key, CancellationToken cancellationToken)
    {
        var configured = ConfiguredProvider(provider);
        var trimmed = key.Trim();
        if (trimmed.Length == 0) throw StrataException.Validation("The key is empty: pass the provider's API key on standard input (CLI) or as key (REST, MCP).");
        if (trimmed.Length > MaxKeyLength || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            // The message must not quote the key: it may be a real one pasted with a line break.
            throw StrataException.Validation($"That is not an API key (keys are one word of at most {MaxKeyLength} characters, with no spaces or line breaks).");
        }
        var sealer = Sealer();
        var now = clock.GetUtcNow();
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var existing = await session.LlmSettings.GetKeyAsync(configured.Name, cancellationToken);
        var stored = new StoredProviderKey(configured.Name, sealer.Seal(userId, configured.Name, trimmed), Fingerprint(trimmed), existing?.CreatedAt ?? now, now);
        await session.LlmSettings.PutKeyAsync(stored, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return View(stored);
    }

    public async Task<ProviderKeyList> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return new ProviderKeyList((await session.LlmSettings.ListKeysAsync(cancellationToken)).Select(View).ToList());
    }

    /// <summary>Deletes the user's key for <paramref name="provider"/>; <c>LLM_KEY_NOT_FOUND</c> when they have none.</summary>
    public async Task<ProviderKeyView> RemoveAsync(string userId, string provider, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var existing = await FindAsync(session, provider, cancellationToken)
            ?? throw new StrataException(ErrorCodes.LlmKeyNotFound, $"You have no stored key for provider '{provider}' (strata keys list shows yours).");
        await session.LlmSettings.DeleteKeyAsync(existing.Provider, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return View(existing);
    }

    /// <summary>The user's own key for the provider, opened for a call; null when they stored none (the server's key
    /// from configuration, if any, applies then). Never log or return what this gives.</summary>
    public async Task<string?> ResolveAsync(string userId, string provider, CancellationToken cancellationToken)
    {
        StoredProviderKey? stored;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            stored = await FindAsync(session, provider, cancellationToken);
        }
        return stored is null ? null : Sealer().Open(userId, stored.Provider, stored.SealedKey);
    }

    /// <summary>The first 8 hex digits of the key's SHA-256: tells keys apart, reveals nothing usable.</summary>
    public static string Fingerprint(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];

    private static async Task<StoredProviderKey?> FindAsync(IStoreReader session, string provider, CancellationToken cancellationToken) =>
        (await session.LlmSettings.ListKeysAsync(cancellationToken)).FirstOrDefault(k => string.Equals(k.Provider, provider, StringComparison.OrdinalIgnoreCase));

    private LlmProvider ConfiguredProvider(string provider) => setup.Provider(provider) ?? throw new StrataException(ErrorCodes.LlmNotConfigured,
        $"Provider '{provider}' is not configured on this server ({LlmSetupText.Configured(setup)}). A key is stored only for a configured provider: "
        + $"add it with STRATA_LLM__PROVIDERS__{provider.ToUpperInvariant()}__BASEURL (see docs/llm.md).");

    private IProviderKeySealer Sealer() => setup.Keys ?? throw new StrataException(ErrorCodes.LlmNotConfigured,
        "This server has no key to encrypt provider keys with: set Llm:ServerKey (base64 of 32 bytes) or let it create its key file (Llm:KeyFile) on start. See docs/llm.md.");

    private static ProviderKeyView View(StoredProviderKey key) => new(key.Provider, key.Fingerprint, key.UpdatedAt);
}
