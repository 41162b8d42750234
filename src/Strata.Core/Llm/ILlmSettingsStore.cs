namespace Strata.Core.Llm;

/// <summary>The queries of <see cref="ILlmSettingsStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface ILlmSettingsReader
{
    Task<StoredProviderKey?> GetKeyAsync(string provider, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredProviderKey>> ListKeysAsync(CancellationToken cancellationToken);

    Task<string?> GetDefaultModelAsync(CancellationToken cancellationToken);
}

/// <summary>The session user's LLM settings: provider keys (sealed, never in plain text) and their default model.</summary>
public interface ILlmSettingsStore : ILlmSettingsReader
{
    /// <summary>Stores or replaces the user's key for <paramref name="provider"/>.</summary>
    Task PutKeyAsync(StoredProviderKey key, CancellationToken cancellationToken);

    /// <summary>False when the user had no key for the provider.</summary>
    Task<bool> DeleteKeyAsync(string provider, CancellationToken cancellationToken);

    /// <summary>Sets (or, with null, clears) the user's default model.</summary>
    Task SetDefaultModelAsync(string? model, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A provider key at rest: the sealed bytes (AES-GCM) and the fingerprint, which is all that is ever shown.</summary>
public sealed record StoredProviderKey(string Provider, byte[] SealedKey, string Fingerprint, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
