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

    public string ListOrder { get; init; } = "ORDER BY deleted_at DESC, id LIMIT @Limit OFFSET @Offset";

    public string Count { get; init; } = "SELECT COUNT(*) FROM deletions WHERE user_id = @UserId";

    /// <summary>Holds a source a delete forgets from the start; null where the database has one writer at a time.</summary>
    public string? LockSource { get; init; }

    /// <summary>How the forgetting statements name the observations on @entityId (<see cref="ForgettingSql"/>).</summary>
    public string ObservationsOnEntity { get; init; } = "entity_id = @entityId AND user_id = @UserId";
}
