namespace Strata.Relational.Llm;

/// <summary>The SQL of model-call accounting. Sums are cast to BIGINT so both databases hand back a whole number.</summary>
internal sealed record LlmUsageSql
{
    public string Insert { get; init; } = """
        INSERT INTO llm_calls (id, user_id, run_id, item_indexes, provider, model, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, cost_nano_usd, latency_ms, outcome, billing_month, created_at)
        VALUES (@id, @UserId, @RunId, @itemIndexes, @Provider, @Model, @InputTokens, @OutputTokens, @CacheReadTokens,
            @CacheWriteTokens, @costNanoUsd, @latencyMs, @Outcome, @billingMonth, @at)
        """;

    public string Month { get; init; } = """
        SELECT COUNT(*) AS Calls,
            CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT) AS InputTokens,
            CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT) AS OutputTokens,
            CAST(COALESCE(SUM(cache_read_tokens), 0) AS BIGINT) AS CacheReadTokens,
            CAST(COALESCE(SUM(cache_write_tokens), 0) AS BIGINT) AS CacheWriteTokens,
            CAST(COALESCE(SUM(cost_nano_usd), 0) AS BIGINT) AS CostNanoUsd,
            CAST(COALESCE(SUM(CASE WHEN cost_nano_usd IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS UnpricedCalls
        FROM llm_calls WHERE user_id = @UserId AND billing_month = @billingMonth
        """;
}
