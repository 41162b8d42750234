-- The storage quota charges each source its payload plus a fixed per-source overhead (StorageCost.PerSourceBytes,
-- 8192 bytes: its rows and its blob file), not its payload alone. Stored sources are recounted with the new formula so
-- a later delete refunds exactly what was charged.
UPDATE usage_storage SET bytes_stored = (
    SELECT COALESCE(SUM(sources.byte_size + 8192), 0) FROM sources WHERE sources.user_id = usage_storage.user_id);
