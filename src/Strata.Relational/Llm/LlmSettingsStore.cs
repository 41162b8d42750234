using Dapper;
using Strata.Core.Llm;

namespace Strata.Relational.Llm;

/// <summary>One user's provider keys (sealed bytes and fingerprint only) and default model, on either database.</summary>
internal sealed class LlmSettingsStore(StoreScope scope) : ILlmSettingsStore
{
    private LlmSettingsSql Sql => scope.Dialect.LlmSettings;

    public async Task PutKeyAsync(StoredProviderKey key, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.PutKey,
            new { scope.UserId, key.Provider, key.SealedKey, key.Fingerprint, createdAt = scope.Time(key.CreatedAt), updatedAt = scope.Time(key.UpdatedAt) },
            scope.Transaction);

    public async Task<StoredProviderKey?> GetKeyAsync(string provider, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<KeyRow>(Sql.GetKey, new { scope.UserId, provider }, scope.Transaction))?.ToKey();

    public async Task<IReadOnlyList<StoredProviderKey>> ListKeysAsync(CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<KeyRow>(Sql.ListKeys, new { scope.UserId }, scope.Transaction)).Select(r => r.ToKey()).ToList();

    public async Task<bool> DeleteKeyAsync(string provider, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.DeleteKey, new { scope.UserId, provider }, scope.Transaction) == 1;

    public Task<string?> GetDefaultModelAsync(CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<string?>(Sql.GetDefaultModel, new { scope.UserId }, scope.Transaction);

    public async Task SetDefaultModelAsync(string? model, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.SetDefaultModel, new { scope.UserId, model, now = scope.Time(now) }, scope.Transaction);

    private sealed class KeyRow
    {
        public string Provider { get; set; } = "";
        public byte[] SealedKey { get; set; } = [];
        public string Fingerprint { get; set; } = "";
        public object CreatedAt { get; set; } = "";
        public object UpdatedAt { get; set; } = "";

        public StoredProviderKey ToKey() => new(Provider, SealedKey, Fingerprint, StoredTime.Read(CreatedAt), StoredTime.Read(UpdatedAt));
    }
}
