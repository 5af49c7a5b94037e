-- The silos' geocoding drains wait for work instead of looking at the queue every few seconds: each statement that
-- queues addresses tells them at its commit on channel gogobe_geocoding. Requests that come due later (a lease or a
-- wait the geocoder asked for ends) are not announced: a drain sleeps until the earliest is due, and looks now and then
-- in case a notification was missed.
CREATE OR REPLACE FUNCTION geocoding_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gogobe_geocoding', '');
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS geocode_requests_announce ON geocode_requests;
CREATE TRIGGER geocode_requests_announce AFTER INSERT ON geocode_requests
    FOR EACH STATEMENT EXECUTE FUNCTION geocoding_announce();
