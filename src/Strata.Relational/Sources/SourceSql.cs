namespace Strata.Relational.Sources;

/// <summary>The sources table's SQL. The defaults are the text both databases accept; a dialect overrides only what differs.</summary>
internal sealed record SourceSql
{
    /// <summary>Read by position: <see cref="SourceStore"/> maps them in this order.</summary>
    public const string Columns =
        "id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, storage_error, created_at";

    public string Get { get; init; } = $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND id = @sourceId";

    public string FindByHash { get; init; } = $"SELECT {Columns} FROM sources WHERE user_id = @UserId AND content_hash = @contentHash";

    /// <summary>ON CONFLICT rather than catching a unique violation, which aborts a PostgreSQL transaction: DO NOTHING
    /// waits for a concurrent insert of the same bytes to commit and then reports it as "already stored".</summary>
    public string Insert { get; init; } = """
        INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, storage_error, created_at)
        VALUES (@Id, @UserId, @ContentHash, @ByteSize, @MimeType, @OriginalFilename, @StorageStatus, @StorageError, @createdAt)
        ON CONFLICT DO NOTHING
        """;

    public string Settle { get; init; } = """
        UPDATE sources SET storage_status = @storageStatus, storage_error = @storageError
        WHERE user_id = @UserId AND id = @sourceId AND storage_status = @fromStatus
        """;

    /// <summary>Newest first; after a cursor, the rows past (created_at, id). The redundant <c>created_at &lt;=</c>
    /// gives the index a range to start from.</summary>
    public string ListAfter { get; init; } =
        "AND created_at <= @afterKey AND (created_at < @afterKey OR id > @afterId)";

    public string ListOrder { get; init; } = "ORDER BY created_at DESC, id LIMIT @Limit + 0 OFFSET @Offset";

    public string Delete { get; init; } = "DELETE FROM sources WHERE user_id = @UserId AND id = @sourceId";

    public string Count { get; init; } = "SELECT COUNT(*) FROM sources WHERE user_id = @UserId";
}
