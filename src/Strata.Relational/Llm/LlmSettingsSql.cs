namespace Strata.Relational.Llm;

/// <summary>The SQL of users' LLM settings (provider keys, default model). Both databases accept the same text.</summary>
internal sealed record LlmSettingsSql
{
    private const string KeyColumns =
        "provider AS Provider, sealed_key AS SealedKey, fingerprint AS Fingerprint, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public string PutKey { get; init; } = """
        INSERT INTO llm_provider_keys (user_id, provider, sealed_key, fingerprint, created_at, updated_at)
        VALUES (@UserId, @Provider, @SealedKey, @Fingerprint, @createdAt, @updatedAt)
        ON CONFLICT (user_id, provider) DO UPDATE SET sealed_key = excluded.sealed_key, fingerprint = excluded.fingerprint,
            updated_at = excluded.updated_at
        """;

    public string GetKey { get; init; } = $"SELECT {KeyColumns} FROM llm_provider_keys WHERE user_id = @UserId AND provider = @provider";

    public string ListKeys { get; init; } = $"SELECT {KeyColumns} FROM llm_provider_keys WHERE user_id = @UserId ORDER BY provider";

    public string DeleteKey { get; init; } = "DELETE FROM llm_provider_keys WHERE user_id = @UserId AND provider = @provider";

    public string GetDefaultModel { get; init; } = "SELECT default_model FROM llm_user_settings WHERE user_id = @UserId";

    public string SetDefaultModel { get; init; } = """
        INSERT INTO llm_user_settings (user_id, default_model, updated_at) VALUES (@UserId, @model, @now)
        ON CONFLICT (user_id) DO UPDATE SET default_model = excluded.default_model, updated_at = excluded.updated_at
        """;
}
