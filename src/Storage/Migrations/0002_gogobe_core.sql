-- Gogobe's domain tables: chains, stores, products, current prices, price changes, promotions, imports.
-- Product keys: a barcode, or "chainId:code" for a chain-internal item code.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE chains (
    chain_id   text PRIMARY KEY,
    name       text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stores (
    chain_id      text NOT NULL,
    store_id      text NOT NULL,
    sub_chain_id  text,
    sub_chain_name text,
    name          text,
    address       text,
    city          text,
    zip_code      text,
    store_type    integer,
    latitude      double precision,
    longitude     double precision,
    file_at       timestamptz NOT NULL,
    import_id     text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, store_id)
);
CREATE INDEX stores_city ON stores (city);
CREATE INDEX stores_location ON stores (latitude, longitude) WHERE latitude IS NOT NULL;

-- Canonical product facts; name search is indexed on the normalised search_name (0003).
CREATE TABLE products (
    product_key   text PRIMARY KEY,
    barcode       text,
    chain_id      text,
    item_code     text NOT NULL,
    name          text NOT NULL,
    manufacturer  text,
    country       text,
    description   text,
    quantity      numeric(14,3),
    unit          text,
    unit_text     text,
    is_weighted   boolean NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- What each chain calls a product: the canonical facts are merged from these.
CREATE TABLE product_sources (
    product_key  text NOT NULL,
    chain_id     text NOT NULL,
    name         text NOT NULL,
    manufacturer text,
    country      text,
    description  text,
    quantity     numeric(14,3),
    unit         text,
    unit_text    text,
    is_weighted  boolean NOT NULL DEFAULT false,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_key, chain_id)
);

-- The current price of every item in every store; available = false once a full list no longer has it.
CREATE TABLE store_prices (
    chain_id         text NOT NULL,
    store_id         text NOT NULL,
    product_key      text NOT NULL,
    price            numeric(12,2) NOT NULL,
    unit_price       numeric(12,2),
    available        boolean NOT NULL DEFAULT true,
    price_updated_at timestamptz,
    file_at          timestamptz NOT NULL,
    PRIMARY KEY (chain_id, store_id, product_key)
);
CREATE INDEX store_prices_product ON store_prices (product_key) INCLUDE (price, available);

-- History: one row per real change (new item, new price, item gone), never a copy of an unchanged price.
CREATE TABLE price_changes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id       text NOT NULL,
    store_id       text NOT NULL,
    product_key    text NOT NULL,
    price          numeric(12,2),
    previous_price numeric(12,2),
    changed_at     timestamptz NOT NULL,
    import_id      text NOT NULL
);
CREATE INDEX price_changes_product ON price_changes (product_key, changed_at);

-- Which file was last applied per store and kind: older or repeated files change nothing.
CREATE TABLE store_feed_state (
    chain_id   text NOT NULL,
    store_id   text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('PriceFull', 'Price', 'PromoFull', 'Promo')),
    file_at    timestamptz NOT NULL,
    import_id  text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, store_id, kind)
);

CREATE TABLE promotions (
    chain_id          text NOT NULL,
    store_id          text NOT NULL,
    promotion_id      text NOT NULL,
    description       text,
    starts_at         timestamptz,
    ends_at           timestamptz,
    reward_type       integer,
    is_club_only      boolean NOT NULL,
    club_ids          text[] NOT NULL DEFAULT '{}',
    min_quantity      numeric(14,3),
    max_quantity      numeric(14,3),
    discounted_price  numeric(12,2),
    discounted_price_per_unit numeric(12,2),
    discount_rate     numeric(8,3),
    discount_type     integer,
    min_purchase_amount numeric(12,2),
    allow_multiple_discounts boolean NOT NULL DEFAULT false,
    is_weighted       boolean NOT NULL DEFAULT false,
    updated_at        timestamptz,
    file_at           timestamptz NOT NULL,
    PRIMARY KEY (chain_id, store_id, promotion_id)
);
CREATE INDEX promotions_active ON promotions (chain_id, store_id, ends_at);

-- Items belong to their promotion: PromotionStore writes and deletes them in the promotion's transaction
-- (no foreign key: a PromoFull writes up to 100k items and a per-row check would dominate the apply).
CREATE TABLE promotion_items (
    chain_id         text NOT NULL,
    store_id         text NOT NULL,
    promotion_id     text NOT NULL,
    product_key      text NOT NULL,
    is_gift          boolean NOT NULL DEFAULT false,
    reward_type      integer,
    min_quantity     numeric(14,3),
    max_quantity     numeric(14,3),
    discounted_price numeric(12,2),
    discount_rate    numeric(8,3),
    PRIMARY KEY (chain_id, store_id, promotion_id, product_key)
);
CREATE INDEX promotion_items_product ON promotion_items (product_key);

-- One row per distinct file content (import_id = SHA-256 of the bytes).
CREATE TABLE imports (
    import_id      text PRIMARY KEY,
    file_name      text NOT NULL,
    size_bytes     bigint NOT NULL,
    status         text NOT NULL CHECK (status IN ('Queued', 'Running', 'Completed', 'Failed')),
    kind           text,
    chain_id       text,
    store_id       text,
    file_at        timestamptz,
    rows_read      integer NOT NULL DEFAULT 0,
    rows_changed   integer NOT NULL DEFAULT 0,
    rows_rejected  integer NOT NULL DEFAULT 0,
    rejections     jsonb,
    error          text,
    attempts       integer NOT NULL DEFAULT 0,
    silo           text,
    submitted_at   timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    parse_ms       integer,
    apply_ms       integer
);
CREATE INDEX imports_submitted ON imports (submitted_at DESC);
