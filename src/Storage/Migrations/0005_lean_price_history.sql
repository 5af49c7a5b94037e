-- price_changes is an append-only log written at import speed (up to a row per price per store on first sight) and
-- read by product. Each index costs a write per row, so it keeps one: (product_key, changed_at), which also serves the
-- store-filtered history (a product's changes are a few per store). The identity column stays as the tie-break of
-- the history order; nothing looks a change up by it, so it needs no unique index.
DROP INDEX IF EXISTS price_changes_store_product;
ALTER TABLE price_changes DROP CONSTRAINT IF EXISTS price_changes_pkey;
