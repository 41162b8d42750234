-- The text search_nodes chooses a memory_entity by (issue 28; docs/memory-server.md), as SQLite's migration 0315:
-- every name, memory_type and observation string the entity's observations hold, each once, one a line
-- (MemoryEntityText). search_nodes reads this one column per entity and folds only the entities whose text could match,
-- instead of folding every entity's observations. Written with the snapshot from then on; filled here for the memory
-- entities written before, from their observations. NULL (another type, or a text longer than the limit) makes no
-- entity skipped: search folds it. A nullable column with no default is added without rewriting the table.
ALTER TABLE entities ADD COLUMN memory_text TEXT;
UPDATE entities SET memory_text = '' WHERE entity_type = 'memory_entity';
WITH strings AS (
    SELECT o.entity_id, s.value
    FROM observations o JOIN entities e ON e.id = o.entity_id AND e.entity_type = 'memory_entity'
    CROSS JOIN LATERAL (
        SELECT o.fields_json->>'name' WHERE jsonb_typeof(o.fields_json->'name') = 'string'
        UNION ALL
        SELECT o.fields_json->>'memory_type' WHERE jsonb_typeof(o.fields_json->'memory_type') = 'string'
        UNION ALL
        SELECT a.value #>> '{}'
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(o.fields_json->'observations') = 'array'
                                       THEN o.fields_json->'observations' ELSE '[]'::jsonb END) a(value)
        WHERE jsonb_typeof(a.value) = 'string'
    ) s(value)
), texts AS (
    SELECT entity_id, string_agg(value, E'\n') AS text
    FROM (SELECT DISTINCT entity_id, value FROM strings WHERE value <> '') d GROUP BY entity_id
)
UPDATE entities e SET memory_text = CASE WHEN length(t.text) > 32768 THEN NULL ELSE t.text END
FROM texts t WHERE e.id = t.entity_id;
