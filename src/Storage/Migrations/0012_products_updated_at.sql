-- The gateway's search index reads the products written since its last read (ProductNames.ChangedSinceAsync) every
-- few seconds: without this index each read scans the whole catalogue.
CREATE INDEX IF NOT EXISTS products_updated_at ON products (updated_at);
