-- Price alerts. A user (the token's subject) watches a product, optionally within some stores, chains or a radius of a
-- place, for a condition: its cheapest price there below a threshold ('below', threshold = price), a drop of a
-- percentage from the reference price ('drop', threshold = percent), or a promotion not seen before ('promotion').
-- reference_price is the cheapest price in scope when the watch was armed or last notified (a 'below' watch also
-- follows rises, so it fires again after the price went back above its threshold); known_promotions holds the
-- promotions (chain:promotion) already running or notified. armed_at is null until the product's watch grain set both.
CREATE TABLE IF NOT EXISTS watch_users (
    user_id        text PRIMARY KEY,
    webhook_secret text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS watches (
    watch_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          text NOT NULL REFERENCES watch_users (user_id),
    product_key      text NOT NULL,
    chains           text[] NOT NULL DEFAULT '{}',
    stores           text[] NOT NULL DEFAULT '{}',
    latitude         double precision,
    longitude        double precision,
    radius_km        double precision,
    condition        text NOT NULL CHECK (condition IN ('below', 'drop', 'promotion')),
    threshold        numeric(12,2),
    webhook_url      text,
    email            text,
    reference_price  numeric(12,2),
    known_promotions text[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    armed_at         timestamptz,
    notified_at      timestamptz,
    CHECK (webhook_url IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS watches_product ON watches (product_key);
CREATE INDEX IF NOT EXISTS watches_user ON watches (user_id, watch_id);

-- The outbox: one row per watch and change that fired it, never two (the key is the change's stable event id), written
-- in the same transaction as the watch's new reference. digested_at is set when a delivery took it.
CREATE TABLE IF NOT EXISTS watch_notifications (
    notification_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watch_id        bigint NOT NULL REFERENCES watches (watch_id) ON DELETE CASCADE,
    change_id       text NOT NULL,
    user_id         text NOT NULL,
    import_id       text NOT NULL,
    product_key     text NOT NULL,
    chain_id        text,
    store_id        text,
    price           numeric(12,2),
    reference_price numeric(12,2),
    promotions      text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    digested_at     timestamptz,
    UNIQUE (watch_id, change_id)
);
CREATE INDEX IF NOT EXISTS watch_notifications_waiting ON watch_notifications (user_id, import_id) WHERE digested_at IS NULL;

-- One message to one target (a webhook URL or an email address) listing a user's notifications of one import. The
-- idempotency key is fixed when the row is made, so every attempt, from any silo, carries the same key.
CREATE TABLE IF NOT EXISTS watch_deliveries (
    delivery_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         text NOT NULL,
    channel         text NOT NULL CHECK (channel IN ('webhook', 'email')),
    target          text NOT NULL,
    idempotency_key uuid NOT NULL UNIQUE,
    body            jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX IF NOT EXISTS watch_deliveries_due ON watch_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS watch_deliveries_dead ON watch_deliveries (user_id, delivery_id) WHERE status = 'dead';
