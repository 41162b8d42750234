namespace Strata.Relational.Deletions;

/// <summary>The statements of the forgetting deletes (<see cref="DeletionStore"/>), the same text on both databases
/// but for how an entity's observations are named (<see cref="DeletionSql.ObservationsOnEntity"/>).</summary>
internal static class ForgettingSql
{
    public const string RunsOfSource = "SELECT id AS Id, status AS Status FROM runs WHERE user_id = @UserId AND source_id = @sourceId ORDER BY id";

    /// <summary>What refers to the observations a predicate names, deleted before them.</summary>
    public static IReadOnlyList<string> ReferencesOf(string observations)
    {
        var ids = $"(SELECT id FROM observations WHERE {observations})";
        return
        [
            $"DELETE FROM observation_evidence WHERE user_id = @UserId AND observation_id IN {ids}",
            $"DELETE FROM chat_evidence WHERE user_id = @UserId AND observation_id IN {ids}",
            $"DELETE FROM block_values WHERE user_id = @UserId AND observation_id IN {ids}",
        ];
    }

    /// <summary>Returns the entity each deleted observation was on and the one it was first written to.</summary>
    public static string Observations(string observations) =>
        $"DELETE FROM observations WHERE {observations} RETURNING entity_id, {Strata.Relational.Observations.ObservationSql.OriginalOf()} AS original_entity_id";

    public const string RunItems = "DELETE FROM run_items WHERE user_id = @UserId AND run_id = @runId";

    public const string RunFragments = "DELETE FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId";

    /// <summary>Evidence of the run left on no observation (a value quoted, then not kept).</summary>
    public const string RunEvidence = "DELETE FROM observation_evidence WHERE user_id = @UserId AND run_id = @runId";

    public const string Run = "DELETE FROM runs WHERE user_id = @UserId AND id = @runId";

    public const string EntityFragments = "DELETE FROM raw_fragments WHERE user_id = @UserId AND entity_id = @entityId";

    public static string UnobservedFragments(Strata.Relational.Observations.ObservationSql observations) => $"""
        DELETE FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId AND entity_id = @entityId
            AND NOT EXISTS ({observations.RunObservedEntity})
        """;

    public const string WasSplit = "SELECT COUNT(*) FROM entity_splits WHERE user_id = @UserId AND from_entity_id = @entityId";

    public const string GeneratedMemory = "DELETE FROM memory_generated WHERE user_id = @UserId";

    public const string Conversations = "DELETE FROM chat_import_conversations WHERE user_id = @UserId AND source_id = @sourceId";
}
