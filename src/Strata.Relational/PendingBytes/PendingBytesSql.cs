namespace Strata.Relational.PendingBytes;

/// <summary>
/// The pending_bytes table's SQL. Reading the totals differs: on SQLite a write session already holds the database's
/// only write lock, so the totals cannot change under it and one plain sum serves. PostgreSQL first takes a
/// transaction-scoped advisory lock, so concurrent uploads check the cap one after another, and reads the total over
/// all users through a function, since row-level security shows a session only its own rows.
/// </summary>
internal sealed record PendingBytesSql
{
    /// <summary>Run before the totals to keep concurrent writers of pending bytes apart; none where the session's lock
    /// already does.</summary>
    public string? TotalsLock { get; init; }

    /// <summary>The user's total and everyone's, in that order.</summary>
    public string Totals { get; init; } =
        "SELECT COALESCE(SUM(CASE WHEN user_id = @UserId THEN size END), 0), COALESCE(SUM(size), 0) FROM pending_bytes";

    public string WriteChunk { get; init; } = """
        INSERT INTO pending_bytes (user_id, source_id, chunk_index, size, data) VALUES (@UserId, @sourceId, @index, @size, @data)
        """;

    public string ReadChunk { get; init; } =
        "SELECT data FROM pending_bytes WHERE user_id = @UserId AND source_id = @sourceId AND chunk_index = @index";

    public string Delete { get; init; } = "DELETE FROM pending_bytes WHERE user_id = @UserId AND source_id = @sourceId";
}
