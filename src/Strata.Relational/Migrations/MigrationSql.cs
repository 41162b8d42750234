namespace Strata.Relational.Migrations;

/// <summary>The migrations table's SQL, and how several processes starting together take turns.</summary>
internal sealed record MigrationSql
{
    /// <summary>Run before and after migrating where several processes may start together; none on SQLite, whose
    /// migrations each take the single write lock.</summary>
    public string? Lock { get; init; }

    /// <inheritdoc cref="Lock"/>
    public string? Unlock { get; init; }

    public string CreateTable { get; init; } = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL)
        """;

    public string Applied { get; init; } = "SELECT version FROM schema_migrations";

    /// <summary>Records one migration (<c>@version</c>, <c>@name</c>, <c>@at</c>).</summary>
    public string Record { get; init; } = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
}
