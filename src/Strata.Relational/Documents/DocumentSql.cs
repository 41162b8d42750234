namespace Strata.Relational.Documents;

/// <summary>The documents table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record DocumentSql
{
    /// <summary>Read by position (<see cref="DocumentStore"/>).</summary>
    public const string Columns = """
        id, user_id, project_id, source_id, name, media_type, status, converter, converter_version, conv_uid, block_count, error,
        created_at, updated_at
        """;

    public string Get { get; init; } = $"SELECT {Columns} FROM documents WHERE user_id = @UserId AND id = @documentId";

    public string FindBySource { get; init; } = $"SELECT {Columns} FROM documents WHERE user_id = @UserId AND source_id = @sourceId";

    public string Insert { get; init; } = """
        INSERT INTO documents (id, user_id, project_id, source_id, name, media_type, status, block_count, created_at, updated_at)
        VALUES (@Id, @UserId, @ProjectId, @SourceId, @Name, @MediaType, @Status, 0, @createdAt, @updatedAt)
        ON CONFLICT DO NOTHING
        """;

    public string StartConversion { get; init; } = """
        UPDATE documents SET status = 'converting', converter = @converter, converter_version = @converterVersion, conv_uid = @convUid,
            block_count = 0, error = NULL, updated_at = @now
        WHERE user_id = @UserId AND id = @documentId AND status IN ('uploaded', 'converting')
        """;

    public string Beat { get; init; } =
        "UPDATE documents SET updated_at = @now WHERE user_id = @UserId AND id = @documentId AND status = 'converting'";

    public string FinishConversion { get; init; } = """
        UPDATE documents SET status = 'ingested', block_count = @blockCount, updated_at = @now
        WHERE user_id = @UserId AND id = @documentId AND status = 'converting'
        """;

    public string FailConversion { get; init; } = """
        UPDATE documents SET status = 'conversion_failed', block_count = 0, error = @error, updated_at = @now
        WHERE user_id = @UserId AND id = @documentId AND status IN ('uploaded', 'converting')
        """;

    public string FailStaleConversion { get; init; } = """
        UPDATE documents SET status = 'conversion_failed', block_count = 0, error = @error, updated_at = @now
        WHERE user_id = @UserId AND id = @documentId AND status = 'converting' AND updated_at < @staleBefore
        """;

    public string CountBySource { get; init; } = "SELECT COUNT(*) FROM documents WHERE user_id = @UserId AND source_id = @sourceId";

    public string Delete { get; init; } = "DELETE FROM documents WHERE user_id = @UserId AND id = @documentId";

    /// <summary>Holds the document against a concurrent delete until commit; null where the database has one writer at a time.</summary>
    public string? Lock { get; init; }

    public string ListAll { get; init; } = $"SELECT {Columns} FROM documents WHERE user_id = @UserId AND project_id = @projectId ORDER BY created_at, id";

    /// <summary>In the order added; after a cursor, the rows past (created_at, id).</summary>
    public string ListAfter { get; init; } = "AND created_at >= @afterKey AND (created_at > @afterKey OR id > @afterId)";

    public string ListOrder { get; init; } = "ORDER BY created_at, id LIMIT @Limit + 0 OFFSET @Offset";
}
