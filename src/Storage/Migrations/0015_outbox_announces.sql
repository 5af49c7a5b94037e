-- The senders of watch notifications wait for work instead of looking at the outbox every few hundred milliseconds:
-- each insert into the outbox tells them at its commit on channel gogobe_outbox, once per statement ('notices' for new
-- notices to digest, 'deliveries' for new messages to send); they still look now and then in case one was missed.
CREATE OR REPLACE FUNCTION outbox_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gogobe_outbox', TG_ARGV[0]);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS watch_notifications_announce ON watch_notifications;
CREATE TRIGGER watch_notifications_announce AFTER INSERT ON watch_notifications
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_announce('notices');
DROP TRIGGER IF EXISTS watch_deliveries_announce ON watch_deliveries;
CREATE TRIGGER watch_deliveries_announce AFTER INSERT ON watch_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_announce('deliveries');
