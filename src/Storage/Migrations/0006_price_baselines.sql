-- A price's first sighting is its baseline, not a change. store_prices keeps when the item was first seen in the store
-- and which import brought it (by the import's sequence number: eight bytes instead of the 64-character hash), and
-- price_changes only records what happens to a known item: a new price, the item gone, the item back. A store's first
-- list is therefore one write per row instead of two; the history reads the baseline from store_prices. Rows written
-- before this migration keep their first history row and have no baseline (first_seen_at is null).
ALTER TABLE imports ADD COLUMN IF NOT EXISTS seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX IF NOT EXISTS imports_seq ON imports (seq);

ALTER TABLE store_prices
    ADD COLUMN IF NOT EXISTS first_seen_at timestamptz,
    ADD COLUMN IF NOT EXISTS first_import bigint;

-- Every read of store_prices names its stores: a store's list by its key prefix, a product's prices by probing the
-- primary key once per store that has prices (a few thousand at most). A second index on product_key cost more than
-- half of every first import's writes (random inserts into a tree of every price in the country).
DROP INDEX IF EXISTS store_prices_product;

-- The stores that have a price list: every price write moves the store's PriceFull or Price watermark in the same
-- transaction, so this is exactly the set of stores with rows in store_prices.
CREATE OR REPLACE VIEW price_list_stores AS
    SELECT DISTINCT chain_id, store_id FROM store_feed_state WHERE kind IN ('PriceFull', 'Price');
