namespace Strata.Relational.EntityKeys;

/// <summary>The entity_keys table's SQL. The defaults are PostgreSQL's, whose table holds the user's id, the key's hash
/// as its 16 bytes and the entity's id (its migration 0300), the entity's type read from its row; SQLite keeps rowids
/// instead of ids (its migration 0032) and has its own text. Hashes travel as the lower-case hex the rest of the code
/// knows them by. A batch of rows is passed as one JSON array parameter, unpacked by the database, so a batch is one
/// statement on either.</summary>
internal sealed record EntityKeySql
{
    /// <remarks>The wanted keys are one array (<c>= ANY (ARRAY(…))</c>), so each is a probe of the primary key. Written as
    /// <c>IN (SELECT … FROM jsonb_array_elements_text(…))</c> the planner, guessing the list at 100 rows, hash-joined it
    /// against every key the user holds: every write's lookup read all of the user's keys (4 ms at 20,000 keys, growing
    /// with the store, so a long ingest was quadratic), where the probes take under a millisecond at any size.</remarks>
    public string Find { get; init; } = """
        SELECT encode(k.key, 'hex') AS KeyHash, k.entity_id AS EntityId, e.entity_type AS EntityType
        FROM entity_keys k JOIN entities e ON e.id = k.entity_id
        WHERE k.user_id = @UserId AND k.key = ANY (ARRAY(SELECT decode(h, 'hex') FROM jsonb_array_elements_text(@hashes::jsonb) AS h))
        """;

    /// <summary>@rows: a JSON array of [key_hash, entity_id, entity_type] arrays (the type is the entity row's).</summary>
    public string Add { get; init; } = """
        INSERT INTO entity_keys (user_id, key, entity_id)
        SELECT @UserId, decode(r->>0, 'hex'), r->>1 FROM jsonb_array_elements(@rows::jsonb) AS r
        ON CONFLICT DO NOTHING
        """;

    public string RemoveEntity { get; init; } = "DELETE FROM entity_keys WHERE user_id = @UserId AND entity_id = @entityId";
}
