namespace Strata.Relational.Runs;

/// <summary>The runs table's SQL. The defaults are the text both databases accept; a dialect overrides only what differs.</summary>
internal sealed record RunSql
{
    public const string Columns = """
        id AS Id, user_id AS UserId, source_id AS SourceId, interpreter AS Interpreter, interpreter_version AS InterpreterVersion,
        config_json AS ConfigJson, config_hash AS ConfigHash, status AS Status, items_count AS ItemsCount,
        observations_created AS ObservationsCreated, unknown_fields_count AS UnknownFieldsCount, error AS Error,
        created_at AS CreatedAt, started_at AS StartedAt, completed_at AS CompletedAt, heartbeat_at AS HeartbeatAt, archived_at AS ArchivedAt,
        values_too_long AS ValuesTooLong
        """;

    public string Get { get; init; } = $"SELECT {Columns} FROM runs WHERE user_id = @UserId AND id = @runId";

    public string Insert { get; init; } = """
        INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, items_count,
            observations_created, unknown_fields_count, error, created_at, started_at, completed_at, heartbeat_at)
        VALUES (@Id, @UserId, @SourceId, @Interpreter, @InterpreterVersion, @ConfigJson, @ConfigHash, @Status, @ItemsCount,
            @ObservationsCreated, @UnknownFieldsCount, @Error, @createdAt, @startedAt, @completedAt, @heartbeatAt)
        ON CONFLICT (id) DO NOTHING
        """;

    public string Start { get; init; } = """
        UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @now), heartbeat_at = @now
        WHERE user_id = @UserId AND id = @runId AND status IN ('pending', 'running')
        """;

    public string Beat { get; init; } =
        "UPDATE runs SET heartbeat_at = @now WHERE user_id = @UserId AND id = @runId AND status = 'running'";

    public string Finish { get; init; } = """
        UPDATE runs SET status = @Status, items_count = @ItemsCount, observations_created = @ObservationsCreated,
            unknown_fields_count = @UnknownFieldsCount, values_too_long = @ValuesTooLong, error = @Error, completed_at = @completedAt, heartbeat_at = @heartbeatAt
        WHERE user_id = @UserId AND id = @Id AND status IN ('pending', 'running')
        """;

    public string Progress { get; init; } = """
        UPDATE runs SET items_count = @Items, observations_created = @ObservationsCreated, unknown_fields_count = @UnknownFields,
            values_too_long = @ValuesTooLong, heartbeat_at = @now
        WHERE user_id = @UserId AND id = @runId AND status = 'running' AND items_count = @expectedItems
        """;

    /// <summary>The filter of a listing. PostgreSQL cannot infer the type of a parameter that is only compared with NULL.</summary>
    public string ListFilter { get; init; } =
        "WHERE user_id = @UserId AND (@sourceId IS NULL OR source_id = @sourceId) AND (@includeArchived OR archived_at IS NULL)";
}
