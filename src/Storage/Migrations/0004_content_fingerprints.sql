-- A full price list remembers the fingerprint of its decompressed content and how many rows it had, so that a later
-- file with exactly the same content (a chain republishing an unchanged list under a new name and time) only moves
-- the watermark instead of being parsed and compared row by row.
ALTER TABLE store_feed_state
    ADD COLUMN content_fingerprint text,
    ADD COLUMN content_rows integer;
