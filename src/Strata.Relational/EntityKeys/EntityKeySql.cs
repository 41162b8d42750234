namespace Strata.Relational.EntityKeys;

/// <summary>The entity_keys table's SQL. The defaults are PostgreSQL's, whose table holds the user's id, the key's hash
/// as hex, and the entity's id and type; SQLite keeps rowids and the hash's bytes instead (its migration 0032) and has
/// its own text. A batch of rows is passed as one JSON array parameter, unpacked by the database, so a batch is one
/// statement on either.</summary>
internal sealed record EntityKeySql
{
    public string Find { get; init; } = """
        SELECT key_hash AS KeyHash, entity_id AS EntityId, entity_type AS EntityType
        FROM entity_keys WHERE user_id = @UserId AND key_hash IN (SELECT jsonb_array_elements_text(@hashes::jsonb))
        """;

    /// <summary>@rows: a JSON array of [key_hash, entity_id, entity_type] arrays.</summary>
    public string Add { get; init; } = """
        INSERT INTO entity_keys (user_id, key_hash, entity_id, entity_type)
        SELECT @UserId, r->>0, r->>1, r->>2 FROM jsonb_array_elements(@rows::jsonb) AS r
        ON CONFLICT DO NOTHING
        """;

    public string RemoveEntity { get; init; } = "DELETE FROM entity_keys WHERE user_id = @UserId AND entity_id = @entityId";
}
