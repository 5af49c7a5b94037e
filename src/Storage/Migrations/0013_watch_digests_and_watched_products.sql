-- A digest gathers a user's waiting notices over the digest window whatever import they came from: the sender looks
-- them up by user, oldest first.
DROP INDEX IF EXISTS watch_notifications_waiting;
CREATE INDEX IF NOT EXISTS watch_notifications_waiting_user ON watch_notifications (user_id, notification_id) INCLUDE (created_at)
    WHERE digested_at IS NULL;

-- The silos keep the set of watched products in memory and drop the change events of the others before any grain
-- activates for them. A new watch tells them at its commit (one notification per product and transaction: PostgreSQL
-- folds identical ones); a deleted watch is forgotten when a silo reloads the set.
CREATE OR REPLACE FUNCTION watches_announce_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gogobe_watched_products', NEW.product_key);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS watches_announce_product ON watches;
CREATE TRIGGER watches_announce_product AFTER INSERT OR UPDATE OF product_key ON watches
    FOR EACH ROW EXECUTE FUNCTION watches_announce_product();
