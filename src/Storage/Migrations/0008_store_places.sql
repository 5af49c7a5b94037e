-- Where each store is, as precisely as the sources allow. latitude/longitude now hold the best location known, written
-- only by the places writer, with its precision (address, street, locality), source (feed, geocoder, localities) and
-- rank (precision first, then how sure the source is): a newer Stores file with a worse address never replaces it.
-- The coordinates a chain publishes are kept apart in feed_latitude/feed_longitude.
ALTER TABLE stores ADD COLUMN IF NOT EXISTS feed_latitude double precision;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS feed_longitude double precision;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS location_source text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS location_rank integer;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS street text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS house_number text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS address_key text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS place_reason text;
ALTER TABLE stores ADD COLUMN IF NOT EXISTS placed_at timestamptz;

UPDATE stores SET feed_latitude = latitude, feed_longitude = longitude WHERE latitude IS NOT NULL AND location_precision IS NULL;
UPDATE stores SET location_precision = 'address', location_source = 'feed', location_rank = 15
WHERE latitude IS NOT NULL AND location_precision IS NULL;
UPDATE stores SET location_precision = 'locality', location_source = 'localities', location_rank = 7 WHERE location_precision = 'city';

CREATE INDEX IF NOT EXISTS stores_address_key ON stores (address_key) WHERE address_key IS NOT NULL;

-- Every answer a geocoder gave, "not found" included, by normalised address: an address is never asked twice.
CREATE TABLE IF NOT EXISTS geocode_answers (
    address_key text PRIMARY KEY,
    query       text NOT NULL,
    found       boolean NOT NULL,
    latitude    double precision,
    longitude   double precision,
    precision   text,
    answered_at timestamptz NOT NULL DEFAULT now()
);

-- The geocoder's clock, shared by every silo: the earliest time the next request may go out.
CREATE TABLE IF NOT EXISTS geocoder_clock (
    id      integer PRIMARY KEY CHECK (id = 1),
    next_at timestamptz NOT NULL
);
INSERT INTO geocoder_clock (id, next_at) VALUES (1, now()) ON CONFLICT DO NOTHING;
