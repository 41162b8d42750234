namespace Strata.Relational.Schemas;

/// <summary>The schemas table's SQL. Both databases accept the same text.</summary>
internal sealed record SchemaSql
{
    public const string Columns = "entity_type AS EntityType, version AS Version, schema_uid AS SchemaUid, definition_json AS DefinitionJson, created_at AS CreatedAt";

    public string ListLatest { get; init; } = $"""
        SELECT {Columns} FROM schemas s
        WHERE user_id = @UserId AND version = (SELECT MAX(version) FROM schemas l WHERE l.user_id = s.user_id AND l.entity_type = s.entity_type)
        ORDER BY entity_type
        """;

    public string ListVersions { get; init; } =
        $"SELECT {Columns} FROM schemas WHERE user_id = @UserId AND entity_type = @entityType ORDER BY version";

    public string Insert { get; init; } = """
        INSERT INTO schemas (user_id, entity_type, version, schema_uid, definition_json, created_at)
        VALUES (@UserId, @entityType, @Version, @SchemaUid, @definitionJson, @createdAt)
        """;

    public string Delete { get; init; } = "DELETE FROM schemas WHERE user_id = @UserId AND entity_type = @entityType";
}
