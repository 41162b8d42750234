-- Values longer than the configured limit are not kept; each run counts how many it left out.
ALTER TABLE runs ADD COLUMN values_too_long INTEGER NOT NULL DEFAULT 0;
