namespace Strata.Relational.Splits;

/// <summary>The SQL of splits and unmerges. The defaults are PostgreSQL's where the databases differ; SQLite also keeps
/// each observation's entity_row (its entity's rowid, migration 0004) in step when it moves.</summary>
internal sealed record SplitSql
{
    public string Move { get; init; } = """
        UPDATE observations SET entity_id = @toEntityId
        WHERE user_id = @UserId AND entity_id = @fromEntityId AND id = ANY(@ids)
        """;

    public string FirstWrittenTo { get; init; } = $"""
        SELECT id FROM observations WHERE user_id = @UserId AND entity_id = @entityId AND {Observations.ObservationSql.OriginalOf()} = ANY(@originals)
        """;

    public string GetMerge { get; init; } = """
        SELECT id AS Id, user_id AS UserId, from_entity_id AS FromEntityId, to_entity_id AS ToEntityId, reason AS Reason,
               observations_moved AS ObservationsMoved, merged_at AS MergedAt
        FROM merges WHERE user_id = @UserId AND id = @mergeId
        """;

    public string MergedInto { get; init; } = "SELECT id FROM entities WHERE user_id = @UserId AND merged_into = @entityId ORDER BY id";

    public string Reopen { get; init; } = "UPDATE entities SET merged_into = NULL, merged_at = NULL WHERE user_id = @UserId AND id = @entityId";

    public string Insert { get; init; } = """
        INSERT INTO entity_splits (id, user_id, from_entity_id, to_entity_id, merge_id, reason, observations_moved, split_at)
        VALUES (@Id, @UserId, @FromEntityId, @ToEntityId, @MergeId, @Reason, @ObservationsMoved, @splitAt)
        """;

    public string UndoneBy { get; init; } = "SELECT id FROM entity_splits WHERE user_id = @UserId AND merge_id = @mergeId LIMIT 1";
}
