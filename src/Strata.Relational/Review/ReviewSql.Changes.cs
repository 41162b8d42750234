namespace Strata.Relational.Review;

/// <summary>The bulk_changes and bulk_change_blocks tables' SQL (apply_bulk_change, undo_bulk_change): the same text on both databases.</summary>
internal sealed partial record ReviewSql
{
    public string InsertBulkChange { get; init; } = """
        INSERT INTO bulk_changes (user_id, id, run_id, action, block_count, created_at)
        VALUES (@UserId, @ChangeId, @RunId, @Action, @blockCount, @createdAt)
        """;

    public string InsertBulkChangeBlock { get; init; } = """
        INSERT INTO bulk_change_blocks (user_id, change_id, block_index, observation_id, previous_value_json)
        VALUES (@UserId, @changeId, @BlockIndex, @ObservationId, @PreviousValueJson)
        """;

    public string AddBulkChangeBlockCount { get; init; } =
        "UPDATE bulk_changes SET block_count = block_count + @added WHERE user_id = @UserId AND id = @changeId";

    /// <summary>Two probes of the state indexes (run_items_by_status, block_values_by_state), never a count of the run.</summary>
    public string HasOpenBlocks { get; init; } = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM run_items WHERE user_id = @UserId AND run_id = @runId AND status IN ('pending', 'claimed'))
            OR EXISTS (SELECT 1 FROM block_values v JOIN run_items i ON i.user_id = v.user_id AND i.run_id = v.run_id AND i.item_index = v.block_index
                WHERE v.user_id = @UserId AND v.run_id = @runId AND v.state = 'staged' AND i.status = 'completed')
        THEN 1 ELSE 0 END
        """;

    public string GetBulkChange { get; init; } = """
        SELECT id AS ChangeId, run_id AS RunId, action AS Action, created_at AS CreatedAt, undone_at AS UndoneAt
        FROM bulk_changes WHERE user_id = @UserId AND id = @changeId
        """;

    public string ListBulkChangeBlocks { get; init; } = """
        SELECT block_index AS BlockIndex, observation_id AS ObservationId, previous_value_json AS PreviousValueJson FROM bulk_change_blocks
        WHERE user_id = @UserId AND change_id = @changeId ORDER BY block_index
        """;

    /// <summary>One statement: of two undos at once, the second finds undone_at set (after waiting for the first's row lock).</summary>
    public string MarkBulkChangeUndone { get; init; } =
        "UPDATE bulk_changes SET undone_at = @now WHERE user_id = @UserId AND id = @changeId AND undone_at IS NULL";

    public string CompleteItem { get; init; } = """
        UPDATE run_items SET status = 'completed', updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND item_index = @blockIndex AND status = 'pending'
        """;

    public string DeleteBulkChangeBlocks { get; init; } = """
        DELETE FROM bulk_change_blocks WHERE user_id = @UserId
            AND change_id IN (SELECT id FROM bulk_changes WHERE user_id = @UserId AND run_id = @runId)
        """;

    public string DeleteBulkChanges { get; init; } = "DELETE FROM bulk_changes WHERE user_id = @UserId AND run_id = @runId";
}
