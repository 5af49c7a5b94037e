-- What the gateway's queries need: a normalised product name for word-order-free search, key prefixes for barcode
-- search, and where a store is (its city's locality and how precise its coordinates are).

-- Folds the spellings of one name together: lower case, no quotes or gershayim, punctuation as spaces, single spaces.
-- CityName.Normalise and ProductSearch do the same on the query side.
CREATE OR REPLACE FUNCTION gogobe_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(
        regexp_replace(lower(value), '["''`\u05F3\u05F4]', '', 'g'),
        '[^0-9a-z\u05D0-\u05EA\u0430-\u044F\u0600-\u06FF]+', ' ', 'g'))
$$;

ALTER TABLE products ADD COLUMN IF NOT EXISTS search_name text GENERATED ALWAYS AS (gogobe_search_text(name)) STORED;
CREATE INDEX IF NOT EXISTS products_search_name_trgm ON products USING gin (search_name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS products_key_pattern ON products (product_key text_pattern_ops);

-- Filled by the silo's store locator: the national locality code of the store's city and the precision of its
-- coordinates ('city' = the locality's centroid).
ALTER TABLE stores ADD COLUMN IF NOT EXISTS locality_code integer;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS locality_name text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS location_precision text;
CREATE INDEX IF NOT EXISTS stores_locality ON stores (locality_code);
CREATE INDEX IF NOT EXISTS stores_unlocated ON stores (city) WHERE latitude IS NULL;

CREATE INDEX IF NOT EXISTS price_changes_store_product ON price_changes (chain_id, store_id, product_key, changed_at);
