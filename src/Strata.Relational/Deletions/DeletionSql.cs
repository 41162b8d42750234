namespace Strata.Relational.Deletions;

/// <summary>The deletions table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record DeletionSql
{
    public const string Columns = "id, user_id, subject_kind, subject_id, subject_name, removed, deleted_at";

    public string Insert { get; init; } = """
        INSERT INTO deletions (id, user_id, subject_kind, subject_id, subject_name, removed, deleted_at)
        VALUES (@id, @UserId, @kind, @subjectId, @name, @removed, @deletedAt)
        """;

    /// <summary>Newest first; after a cursor, the rows past (deleted_at, id).</summary>
    public string ListAfter { get; init; } = "AND deleted_at <= @afterKey AND (deleted_at < @afterKey OR id > @afterId)";

    public string ListOrder { get; init; } = "ORDER BY deleted_at DESC, id LIMIT @Limit + 0 OFFSET @Offset";

    public string Count { get; init; } = "SELECT COUNT(*) FROM deletions WHERE user_id = @UserId";

    /// <summary>What deleting the documents of @projectId, or the document @documentId, would remove (one is null), one
    /// count per kind in one statement: the rows <c>DocumentRemoval</c> deletes for them; the user's observations named
    /// as <paramref name="observations"/> names them.</summary>
    public static string CountRemovable(Strata.Relational.Observations.ObservationSql observations) => $"""
        WITH doomed AS (
            SELECT id FROM documents WHERE user_id = @UserId AND (id = @documentId OR project_id = @projectId)),
        doomed_runs AS (
            SELECT run_id FROM block_runs WHERE user_id = @UserId AND document_id IN (SELECT id FROM doomed))
        SELECT
            (SELECT COUNT(*) FROM doomed) AS Documents,
            (SELECT COUNT(*) FROM document_blocks WHERE user_id = @UserId AND document_id IN (SELECT id FROM doomed)) AS Blocks,
            (SELECT COUNT(*) FROM doomed_runs) AS BlockRuns,
            (SELECT COUNT(*) FROM block_values WHERE user_id = @UserId AND state = 'staged' AND run_id IN (SELECT run_id FROM doomed_runs)) AS StagedValues,
            (SELECT COUNT(*) FROM block_values WHERE user_id = @UserId AND state = 'confirmed' AND run_id IN (SELECT run_id FROM doomed_runs)) AS ConfirmedValues,
            (SELECT COUNT(*) FROM observations WHERE {observations.OfUser()} AND {observations.Run.In("SELECT run_id FROM doomed_runs")}) AS Observations
        """;

    /// <summary>Holds a source a delete forgets from the start; null where the database has one writer at a time.</summary>
    public string? LockSource { get; init; }

    /// <summary>How the forgetting statements name the observations on @entityId (<see cref="ForgettingSql"/>).</summary>
    public string ObservationsOnEntity { get; init; } = "entity_id = @entityId AND user_id = @UserId";
}
