namespace Strata.Relational.RunItems;

/// <summary>The run_items table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record RunItemSql
{
    public const string Columns = """
        run_id AS RunId, item_index AS ItemIndex, status AS Status, char_start AS CharStart, char_length AS CharLength,
        input_tokens AS InputTokens, output_tokens AS OutputTokens, cache_read_tokens AS CacheReadTokens,
        cache_write_tokens AS CacheWriteTokens, cost_nanos AS CostNanos, attempts AS Attempts, calls AS Calls, error AS Error,
        raw_output AS RawOutput, updated_at AS UpdatedAt
        """;

    public string Insert { get; init; } = """
        INSERT INTO run_items (user_id, run_id, item_index, status, char_start, char_length, updated_at)
        VALUES (@UserId, @RunId, @Index, @Status, @Start, @Length, @updatedAt)
        ON CONFLICT (user_id, run_id, item_index) DO NOTHING
        """;

    public string Claim { get; init; } = $"""
        UPDATE run_items SET status = 'claimed', attempts = attempts + 1, updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND status = 'pending'
        RETURNING {Columns}
        """;

    public string Release { get; init; } = """
        UPDATE run_items SET status = 'pending', updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND status = 'claimed'
        """;

    public string Finish { get; init; } = """
        UPDATE run_items SET status = @Status, input_tokens = @InputTokens, output_tokens = @OutputTokens,
            cache_read_tokens = @CacheReadTokens, cache_write_tokens = @CacheWriteTokens, cost_nanos = @CostNanos, calls = @Calls,
            error = @Error, raw_output = @RawOutput, updated_at = @updatedAt
        WHERE user_id = @UserId AND run_id = @RunId AND item_index = @Index AND status = 'claimed'
        """;

    /// <summary>PostgreSQL cannot infer the type of a parameter that is only compared with NULL.</summary>
    public string ListFilter { get; init; } = "WHERE user_id = @UserId AND run_id = @runId AND (@status IS NULL OR status = @status)";

    public string Summary { get; init; } = """
        SELECT COUNT(*) AS Total,
            COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS Pending,
            COALESCE(SUM(CASE WHEN status = 'claimed' THEN 1 ELSE 0 END), 0) AS Claimed,
            COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS Completed,
            COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS Failed,
            COALESCE(SUM(input_tokens), 0) AS InputTokens, COALESCE(SUM(output_tokens), 0) AS OutputTokens,
            COALESCE(SUM(cache_read_tokens), 0) AS CacheReadTokens, COALESCE(SUM(cache_write_tokens), 0) AS CacheWriteTokens,
            SUM(cost_nanos) AS CostNanos,
            COALESCE(SUM(CASE WHEN cost_nanos IS NULL AND input_tokens + output_tokens + cache_read_tokens + cache_write_tokens > 0 THEN 1 ELSE 0 END), 0) AS CostUnknownItems
        FROM run_items WHERE user_id = @UserId AND run_id = @runId
        """;
}
