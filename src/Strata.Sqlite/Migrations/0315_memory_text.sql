-- The text search_nodes chooses a memory_entity by (issue 28; docs/memory-server.md): every name, memory_type and
-- observation string the entity's observations hold, each once, one a line (MemoryEntityText). search_nodes reads this
-- one column per entity and folds only the entities whose text could match, instead of folding every entity's
-- observations. Written with the snapshot from then on; filled here for the memory entities written before, from their
-- observations. NULL (another type, or a text longer than the limit) makes no entity skipped: search folds it.
ALTER TABLE entities ADD COLUMN memory_text TEXT;
UPDATE entities SET memory_text = '' WHERE entity_type = 'memory_entity';
WITH memory_observations AS (
    SELECT o.entity_row, o.fields_json FROM observations o
    WHERE o.entity_row IN (SELECT rowid FROM entities WHERE entity_type = 'memory_entity')
), strings AS (
    SELECT entity_row, json_extract(fields_json, '$.name') AS value FROM memory_observations
    WHERE json_type(fields_json, '$.name') = 'text'
    UNION ALL
    SELECT entity_row, json_extract(fields_json, '$.memory_type') FROM memory_observations
    WHERE json_type(fields_json, '$.memory_type') = 'text'
    UNION ALL
    SELECT m.entity_row, j.value FROM memory_observations m, json_each(m.fields_json, '$.observations') j
    WHERE json_type(m.fields_json, '$.observations') = 'array' AND j.type = 'text'
), texts AS (
    SELECT entity_row, group_concat(value, char(10)) AS text
    FROM (SELECT DISTINCT entity_row, value FROM strings WHERE value <> '') GROUP BY entity_row
)
UPDATE entities SET memory_text = CASE WHEN length(t.text) > 32768 THEN NULL ELSE t.text END
FROM texts t WHERE entities.rowid = t.entity_row;
