-- The offers of each watched product as its watch grain last read them: a price per store where the product is sold,
-- and when they were last read in full. A grain that activates reads its product's rows here (one range of the key)
-- instead of probing store_prices once per store with a price list (2,200 stores nationally), then each run of changes
-- reads and keeps only the stores it names. A product without a row in watched_offer_reads is read in full first.
CREATE TABLE IF NOT EXISTS watched_offers (
    product_key text NOT NULL,
    chain_id    text NOT NULL,
    store_id    text NOT NULL,
    price       numeric(12,2) NOT NULL,
    PRIMARY KEY (product_key, chain_id, store_id)
);

CREATE TABLE IF NOT EXISTS watched_offer_reads (
    product_key text PRIMARY KEY,
    read_at     timestamptz NOT NULL
);

-- A new watch may look at stores whose changes no silo passed on for the product until then: its product is read in
-- full again at its grain's next run. A product left without watches keeps nothing.
CREATE OR REPLACE FUNCTION watches_refresh_kept_offers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        DELETE FROM watched_offer_reads r USING (SELECT DISTINCT product_key FROM changed) c WHERE r.product_key = c.product_key;
    ELSE
        DELETE FROM watched_offer_reads r USING (SELECT DISTINCT product_key FROM changed) c
        WHERE r.product_key = c.product_key AND NOT EXISTS (SELECT FROM watches w WHERE w.product_key = c.product_key);
        DELETE FROM watched_offers o USING (SELECT DISTINCT product_key FROM changed) c
        WHERE o.product_key = c.product_key AND NOT EXISTS (SELECT FROM watches w WHERE w.product_key = c.product_key);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS watches_kept_offers_added ON watches;
CREATE TRIGGER watches_kept_offers_added AFTER INSERT ON watches
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION watches_refresh_kept_offers();
DROP TRIGGER IF EXISTS watches_kept_offers_removed ON watches;
CREATE TRIGGER watches_kept_offers_removed AFTER DELETE ON watches
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION watches_refresh_kept_offers();
