namespace Strata.Relational.EntityKeys;

/// <summary>The entity_keys table's SQL. The defaults are SQLite's where the databases differ (a batch of rows is
/// passed as one JSON array parameter, unpacked by the database, so a batch is one statement on either).</summary>
internal sealed record EntityKeySql
{
    public string Find { get; init; } = """
        SELECT key_hash AS KeyHash, entity_id AS EntityId, entity_type AS EntityType
        FROM entity_keys WHERE user_id = @UserId AND key_hash IN (SELECT value FROM json_each(@hashes))
        """;

    /// <summary>@rows: a JSON array of [key_hash, entity_id, entity_type] arrays.</summary>
    public string Add { get; init; } = """
        INSERT INTO entity_keys (user_id, key_hash, entity_id, entity_type)
        SELECT @UserId, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(@rows) WHERE true
        ON CONFLICT DO NOTHING
        """;

    public string RemoveEntity { get; init; } = "DELETE FROM entity_keys WHERE user_id = @UserId AND entity_id = @entityId";
}
