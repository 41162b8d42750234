namespace Strata.Relational.Documents;

/// <summary>The document_blocks table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record DocumentBlockSql
{
    /// <summary>Read by position (<see cref="DocumentBlockStore"/>).</summary>
    public const string Columns = "document_id, block_index, block_uid, block_type, content, heading_path, locator, level, attributes";

    public string Insert { get; init; } = """
        INSERT INTO document_blocks (user_id, document_id, block_index, block_uid, block_type, content, heading_path, locator, level, attributes)
        VALUES (@UserId, @documentId, @index, @blockUid, @type, @content, @headingPath, @locator, @level, @attributes)
        ON CONFLICT DO NOTHING
        """;

    public string Get { get; init; } = $"SELECT {Columns} FROM document_blocks WHERE user_id = @UserId AND block_uid = @blockUid";

    /// <summary>Reading order; after a cursor, the blocks past its index.</summary>
    public string List { get; init; } = $"""
        SELECT {Columns} FROM document_blocks WHERE user_id = @UserId AND document_id = @documentId AND block_index > @afterIndex
        ORDER BY block_index LIMIT @Limit + 0 OFFSET @Offset
        """;

    public string Count { get; init; } = "SELECT COUNT(*) FROM document_blocks WHERE user_id = @UserId AND document_id = @documentId";

    public string DeleteByDocument { get; init; } = "DELETE FROM document_blocks WHERE user_id = @UserId AND document_id = @documentId";
}
