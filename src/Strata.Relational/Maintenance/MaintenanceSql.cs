namespace Strata.Relational.Maintenance;

/// <summary>Maintenance's SQL, across users. Both databases accept the same text.</summary>
internal sealed record MaintenanceSql
{
    /// <summary>A run that never beat has its start as its last sign of life.</summary>
    public string StaleRuns { get; init; } = """
        SELECT user_id, id, source_id FROM runs
        WHERE status = 'running' AND COALESCE(heartbeat_at, started_at, created_at) < @cutoff
        ORDER BY COALESCE(heartbeat_at, started_at, created_at), id
        LIMIT @limit + 0
        """;

    public string StaleConversions { get; init; } = """
        SELECT user_id, id FROM documents WHERE status = 'converting' AND updated_at < @cutoff ORDER BY updated_at, id LIMIT @limit + 0
        """;

    public string ArchiveRuns { get; init; } = """
        UPDATE runs SET archived_at = @now
        WHERE archived_at IS NULL AND status IN ('completed', 'failed', 'cancelled') AND completed_at < @cutoff
        """;

    public string BytesStored { get; init; } = "SELECT SUM(bytes_stored) FROM usage_storage";

    public string PendingDuplicates { get; init; } = """
        SELECT COUNT(*) FROM duplicate_candidates d
        JOIN entities a ON a.id = d.entity_a AND a.merged_into IS NULL
        JOIN entities b ON b.id = d.entity_b AND b.merged_into IS NULL
        WHERE d.status = 'pending'
        """;

    public string RunsByStatus { get; init; } = "SELECT status, COUNT(*) FROM runs GROUP BY status";
}
