-- Master products (ADR 0019): every product key belongs to exactly one master product. A master is named by one of its
-- members' keys (master_id); a product nothing matched is its own master (master_id = product_key, matched_by 'code').
-- matched_by says how the product joined: 'code' (its barcode, or a chain's own code that is a real GTIN), 'learned'
-- (the trained matcher, with its confidence), 'manual' (an operator's decision).
CREATE TABLE IF NOT EXISTS product_masters (
    product_key text PRIMARY KEY,
    master_id   text NOT NULL,
    matched_by  text NOT NULL CHECK (matched_by IN ('code', 'learned', 'manual')),
    confidence  real NOT NULL,
    matched_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS product_masters_master ON product_masters (master_id);

-- What an operator decided about a product: 'confirm' keeps it in master_id, 'split' keeps it alone (master_id is the
-- product itself). Matching, re-runs and re-training never move a decided product, and nothing joins a split one.
CREATE TABLE IF NOT EXISTS master_decisions (
    product_key text PRIMARY KEY,
    decision    text NOT NULL CHECK (decision IN ('confirm', 'split')),
    master_id   text NOT NULL,
    decided_by  text,
    decided_at  timestamptz NOT NULL DEFAULT now()
);

-- Trained matchers (the pair and confidence models in one blob); silos load the newest.
CREATE TABLE IF NOT EXISTS match_models (
    model_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model       bytea NOT NULL,
    description text,
    size_bytes  integer NOT NULL,
    uploaded_by text,
    uploaded_at timestamptz NOT NULL DEFAULT now()
);
