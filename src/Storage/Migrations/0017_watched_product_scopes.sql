-- The silos' set of watched products also knows, per product, which stores its watches can see, so that a change in a
-- store no watch of the product looks at reaches no grain. A new watch's notification names its product on the first
-- line, then what it is bound to: one line 's<TAB>chain:store' per store when it names stores, else one line
-- 'c<TAB>chain' per chain when it names chains, else nothing (every store; a watch bound only to a place counts as
-- every store). A payload of the product alone (the trigger before this one) thus means every store. A notification
-- holds less than 8000 bytes: a scope that would not fit is announced as every store (wider, so nothing is dropped),
-- and the next reload narrows it.
CREATE OR REPLACE FUNCTION watches_announce_product() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload text := NEW.product_key || CASE
        WHEN cardinality(NEW.stores) > 0 THEN E'\n' || array_to_string(ARRAY(SELECT 's' || E'\t' || s FROM unnest(NEW.stores) s), E'\n')
        WHEN cardinality(NEW.chains) > 0 THEN E'\n' || array_to_string(ARRAY(SELECT 'c' || E'\t' || c FROM unnest(NEW.chains) c), E'\n')
        ELSE '' END;
BEGIN
    PERFORM pg_notify('gogobe_watched_products', CASE WHEN octet_length(payload) < 7900 THEN payload ELSE NEW.product_key END);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS watches_announce_product ON watches;
CREATE TRIGGER watches_announce_product AFTER INSERT OR UPDATE OF product_key, chains, stores ON watches
    FOR EACH ROW EXECUTE FUNCTION watches_announce_product();
