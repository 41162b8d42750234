namespace Strata.Relational.Documents;

/// <summary>The projects table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record ProjectSql
{
    /// <summary>Read by position (<see cref="ProjectStore"/>), with the project's document count.</summary>
    public const string Columns = """
        p.id, p.user_id, p.name, p.created_at, p.updated_at,
        (SELECT COUNT(*) FROM documents d WHERE d.user_id = p.user_id AND d.project_id = p.id)
        """;

    public string Get { get; init; } = $"SELECT {Columns} FROM projects p WHERE p.user_id = @UserId AND p.id = @projectId";

    public string FindByName { get; init; } = $"SELECT {Columns} FROM projects p WHERE p.user_id = @UserId AND p.name = @name";

    public string Insert { get; init; } = """
        INSERT INTO projects (id, user_id, name, created_at, updated_at) VALUES (@id, @UserId, @name, @createdAt, @updatedAt)
        ON CONFLICT DO NOTHING
        """;

    public string Rename { get; init; } =
        "UPDATE projects SET name = @name, updated_at = @now WHERE user_id = @UserId AND id = @projectId";

    public string Delete { get; init; } = "DELETE FROM projects WHERE user_id = @UserId AND id = @projectId";

    /// <summary>Holds the project against a concurrent delete until commit; null where the database has one writer at a time.</summary>
    public string? Lock { get; init; }

    /// <summary>Oldest first; after a cursor, the rows past (created_at, id).</summary>
    public string ListAfter { get; init; } = "AND p.created_at >= @afterKey AND (p.created_at > @afterKey OR p.id > @afterId)";

    public string ListOrder { get; init; } = "ORDER BY p.created_at, p.id LIMIT @Limit + 0 OFFSET @Offset";

    public string Count { get; init; } = "SELECT COUNT(*) FROM projects WHERE user_id = @UserId";
}
