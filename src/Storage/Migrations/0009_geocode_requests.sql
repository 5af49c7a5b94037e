-- Addresses waiting for the geocoder, one row per normalised address (queued once however many stores share it).
-- A silo claims a row by moving not_before past a lease; it is deleted once answered, or put back with a later
-- not_before when the geocoder asked to wait. A claim whose silo died comes back when its lease ends.
CREATE TABLE IF NOT EXISTS geocode_requests (
    address_key text PRIMARY KEY,
    street      text NOT NULL,
    house_number text,
    locality    text NOT NULL,
    not_before  timestamptz NOT NULL DEFAULT now(),
    attempts    integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS geocode_requests_due ON geocode_requests (not_before);
