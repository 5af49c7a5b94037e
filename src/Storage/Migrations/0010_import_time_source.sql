-- Where an import's file_at comes from: 'header', 'name', 'content' (the newest update time inside the file) or
-- 'supplied' (the modification time the uploading client gave). Null for imports recorded before it was kept.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS file_at_source text;
