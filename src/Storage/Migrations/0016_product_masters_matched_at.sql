-- The gateway's search index groups hits by master product and reads the matches made since its last read
-- (ProductNames.ChangedSinceAsync, with the products written since) every few seconds: without this index each read
-- scans every match.
CREATE INDEX IF NOT EXISTS product_masters_matched_at ON product_masters (matched_at);
