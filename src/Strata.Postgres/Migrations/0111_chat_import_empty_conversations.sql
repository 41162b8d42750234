-- Conversations with no message are counted on their import, never stored (no source, document or job for them).
ALTER TABLE chat_imports ADD COLUMN conversations_empty INTEGER NOT NULL DEFAULT 0;
