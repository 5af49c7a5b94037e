#!/usr/bin/env bash
# Price alerts benchmark: from the commit of a price change to the webhook received, with many watches while a national
# next-day import runs, and that import's own rows/s beside the same kind of import without watches, in one run.
# Starts the system on an EMPTY database (the local 'gogobe' database is recreated), then:
#   1. imports a synthetic first day (as bench/ingest.sh makes it: --stores, --items, --chains, layout A, PriceFull only)
#      and forgets its change events: a fresh database's first lists name every product of every store (over a million
#      events at the default scale), which a running system followed long before a next day;
#   2. restarts the silos and the gateway and imports the generator's second day (a few per cent of prices changed)
#      WITHOUT watches, and waits until the change streams followed it;
#   3. creates --watches watches on the --products products most stores sell, for --users users (in bulk in
#      PostgreSQL, armed as the watch grain arms them: the reference is the cheapest price in scope now; and, unless
#      --kept-offers no, each watched product's prices kept as its grain keeps them when a watch is made). The mix: 45%
#      'drop' by 5/10/15/20%, 35% 'below' a threshold 0-5% under the current price, 20% 'promotion'; 70% anywhere
#      (--anywhere), of the rest two thirds in one chain and one third in one store; watches per product and per user
#      skewed (popular products, keen users). Every watch posts to its user's endpoint on a receiver this script runs
#      (bench/Gogobe.AlertBench), which checks signatures;
#   4. restarts the hosts again (both next days are imported by freshly started hosts against cold price lists) and
#      imports the generator's third day WITH the watches, waits until every change was followed and every notice
#      delivered, and reports the latency of each digest item.
# Latency: from the broker's timestamp of the change event the price list grain publishes right after its commit (one
# publish round trip after the commit) to the moment the receiver read the webhook's headers; with the part up to the
# notice's write in the outbox. It includes the digest window (Alerts:DigestWindow, 500 ms) by design.
# Topology: by default two silos that both query and import; --import-silos N runs one query silo (watch grains,
# change-stream agents, delivery) and N import-only silos at a lower CPU priority (deploy/local/up.sh, ADR 0013).
#   bench/alerts.sh [--stores N] [--items K] [--chains C] [--watches W] [--products P] [--users U] [--anywhere PCT]
#                   [--import-silos N] [--kept-offers yes|no]
#   (defaults: 200 stores × 8,000 items, 10 chains; 100,000 watches on 10,000 products by 20,000 users, 70% anywhere)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORES=200; ITEMS=8000; CHAINS=10; WATCHES=100000; PRODUCTS=10000; USERS=20000; ANYWHERE=70; UP=(); KEPT=yes
while [ $# -gt 0 ]; do case "$1" in
  --stores) STORES=$2; shift 2 ;; --items) ITEMS=$2; shift 2 ;; --chains) CHAINS=$2; shift 2 ;;
  --watches) WATCHES=$2; shift 2 ;; --products) PRODUCTS=$2; shift 2 ;; --users) USERS=$2; shift 2 ;;
  --anywhere) ANYWHERE=$2; shift 2 ;; --import-silos) UP=(--import-silos "$2"); shift 2 ;;
  --kept-offers) KEPT=$2; shift 2 ;;
  *) echo "unknown $1" >&2; exit 64 ;;
esac; done
WORK="${GOGOBE_BENCH_DIR:-/tmp/gogobe-alerts-bench}"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
BASE="${GOGOBE_PORT_OFFSET:-0}"
HOOK_PORT=$((18080 + BASE))
export GOGOBE_GATEWAY="http://127.0.0.1:$((8080 + BASE))"
cli() { dotnet "$ROOT/src/Cli/bin/Release/net10.0/gogobe.dll" "$@"; }
alertbench() { dotnet "$ROOT/bench/Gogobe.AlertBench/bin/Release/net10.0/Gogobe.AlertBench.dll" "$@"; }

for project in src/Cli bench/Gogobe.AlertBench; do dotnet build "$ROOT/$project" -c Release -nologo -v quiet >/dev/null; done
"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null 2>&1 || true
"$ROOT/deploy/local/infra.sh" up >/dev/null
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)
PG_PORT="${GOGOBE_PG_PORT:-55432}"
export PGPASSWORD="${GOGOBE_PG_PASSWORD:-gogobe}"
for attempt in 1 2 3 4 5; do
  psql -h 127.0.0.1 -p "$PG_PORT" -U gogobe -d postgres -qc "DROP DATABASE IF EXISTS gogobe WITH (FORCE)" && break
  [ "$attempt" -lt 5 ] && sleep 2
done
psql -h 127.0.0.1 -p "$PG_PORT" -U gogobe -d postgres -qc "CREATE DATABASE gogobe TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
"$ROOT/deploy/local/up.sh" "${UP[@]}" >/dev/null
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U gogobe -d gogobe -qAt -v ON_ERROR_STOP=1 "$@"; }

# CPU seconds (user + system) of the silos and the gateway, from /proc; SILOS names the silos of the topology.
cpu_of() { awk '{ print $14 + $15 }' "/proc/$(cat "$DATA/run/$1.pid")/stat" 2>/dev/null || echo 0; }
if [ ${#UP[@]} -eq 0 ]; then SILOS=(silo1 silo2); else SILOS=(silo1); for n in $(seq 1 "${UP[1]}"); do SILOS+=("import$n"); done; fi
silos_cpu() { local name; for name in "${SILOS[@]}"; do printf '%s ' "$(cpu_of "$name")"; done; }
# The 1-minute load average, sampled every 10 s for the whole run (below); load_since prints its range since a given time.
load_since() { awk -v from="$1" '$1 >= from { n++; if (n == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
  END { if (n) printf "load average %.1f to %.1f", lo, hi; else printf "load average %s", "n/a" }' "$WORK/load.log"; }
declare -A RATE
measure() {
  local label=$1 folder=$2 before after summary started
  started=$(date +%s); echo "   started $(date -u +%H:%M:%S) UTC"
  before="$(silos_cpu)$(cpu_of gateway)"; SECONDS=0
  summary=$(cli import --parallel 8 "$folder" | tail -n 1 || true)
  after="$(silos_cpu)$(cpu_of gateway)"
  echo "   $summary"
  RATE[$label]=$(echo "$summary" | grep -oE '[0-9,]+ rows/s' | tr -d ',' | cut -d' ' -f1)
  awk -v a="$before" -v b="$after" -v names="${SILOS[*]}" -v hz="$(getconf CLK_TCK)" -v wall="$SECONDS" 'BEGIN {
    n = split(a, x, " "); split(b, y, " "); split(names, name, " "); line = ""
    for (i = 1; i < n; i++) line = line sprintf("%s%s %.1f", i > 1 ? ", " : "", name[i], (y[i] - x[i]) / hz)
    printf "   CPU seconds: %s, gateway %.1f; about %d s of wall time\n", line, (y[n] - x[n]) / hz, wall }'
  MEASURED=$started; MEASURED_CPU=$before
}

restart() { "$ROOT/deploy/local/down.sh" --keep-infra >/dev/null; "$ROOT/deploy/local/up.sh" "${UP[@]}" >/dev/null; }
# Change events the change streams have not acknowledged yet, and notices or messages not yet delivered.
unfollowed() {
  curl -s "http://127.0.0.1:${GOGOBE_NATS_MONITOR_PORT:-58222}/jsz?accounts=true&streams=true&consumers=true" |
    jq '[.account_details[]?.stream_detail[]? | select(.name == "GOGOBE_EVENTS") | .consumer_detail[]? | select(.name == "change-streams") | .num_pending + .num_ack_pending] | add // 0'
}
undelivered() { sql -c "SELECT (SELECT count(*) FROM watch_notifications WHERE digested_at IS NULL) + (SELECT count(*) FROM watch_deliveries WHERE status = 'pending')"; }
followed() {
  SECONDS=0
  for _ in $(seq 1 1200); do
    [ "$(unfollowed)" -eq 0 ] && [ "$(undelivered)" -eq 0 ] && break
    sleep 1
  done
  echo "   every change followed and every notice delivered $SECONDS s after the import ended ($(unfollowed) change messages, $(undelivered) notices left); $(load_since "$MEASURED") from the import's start"
  awk -v a="$MEASURED_CPU" -v b="$(silos_cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    n = split(b, y, " "); split(a, x, " "); for (i = 1; i <= n; i++) { d = (y[i] - x[i]) / hz; sum += d; line = line sprintf("%s%.1f", i > 1 ? " + " : "", d) }
    printf "   silo CPU seconds from the import'"'"'s start until then: %.1f (%s)\n", sum, line }'
}

# The generator writes the same files in every run, so the change events carry the same message ids as the last run's,
# and the events stream drops an id it stored within its 2-minute duplicate window (JetStreamTopology): a run that
# starts sooner after the last one ended would lose change events. Wait the window out.
ENDED="$DATA/run/alerts-bench.ended"
if [ -f "$ENDED" ]; then
  WAIT=$(( $(cat "$ENDED") + 125 - $(date +%s) ))
  if [ "$WAIT" -gt 0 ]; then
    echo "-- waiting ${WAIT} s: the last run ended within the events stream's 2-minute duplicate window"
    sleep "$WAIT"
  fi
fi
rm -rf "$WORK"; mkdir -p "$WORK/day1" "$WORK/day2" "$WORK/day3"
echo "== $(date -u +%H:%M:%S) UTC, $(git -C "$ROOT" rev-parse --short HEAD), silos ${SILOS[*]}, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
(while sleep 10; do echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)"; done >"$WORK/load.log") & SAMPLER=$!
# exec: the receiver itself is the background job, so that stopping the job stops the receiver.
(exec dotnet "$ROOT/bench/Gogobe.AlertBench/bin/Release/net10.0/Gogobe.AlertBench.dll" receive "$HOOK_PORT" "$WORK/arrivals.tsv" >"$WORK/receiver.log" 2>&1) & RECEIVER=$!
trap 'kill $RECEIVER $SAMPLER 2>/dev/null || true; mkdir -p "$DATA/run" && date +%s >"$ENDED"' EXIT

echo "== synthetic days: $CHAINS chains, $STORES stores x $ITEMS items (layout A, PriceFull only)"
cli feeds generate --chains "$CHAINS" --stores "$((STORES / CHAINS))" --items "$ITEMS" --layout A --seed 42 --days 3 --out "$WORK/gen" >/dev/null
day=1
for date in $(ls "$WORK"/gen/PriceFull* | grep -oE '[0-9]{12}\.gz$' | cut -c1-8 | sort -u); do
  cp "$WORK"/gen/PriceFull*-"$date"????.gz "$WORK/day$day/"; day=$((day + 1))
done
echo "-- first day"
measure first "$WORK/day1"
"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null
echo "   $(alertbench forget-changes)"
"$ROOT/deploy/local/up.sh" "${UP[@]}" >/dev/null

echo "-- next day, no watches"
measure without "$WORK/day2"
followed

echo "== $WATCHES watches on $PRODUCTS products by $USERS users, created in PostgreSQL"
SECONDS=0
sql -v products="$PRODUCTS" -v watches="$WATCHES" -v users="$USERS" -v anywhere="$(awk -v a="$ANYWHERE" 'BEGIN { print a / 100 }')" -v hook="http://127.0.0.1:$HOOK_PORT/hooks/" <<'SQL'
-- The products most stores sell, with the cheapest store and price of each chain selling them.
CREATE TEMP TABLE bench_products AS
WITH popular AS (
    SELECT product_key FROM store_prices WHERE available GROUP BY product_key ORDER BY count(*) DESC, product_key LIMIT :products),
cheapest AS (
    SELECT DISTINCT ON (sp.product_key, sp.chain_id) sp.product_key, sp.chain_id, sp.store_id, sp.price
    FROM store_prices sp JOIN popular USING (product_key) WHERE sp.available
    ORDER BY sp.product_key, sp.chain_id, sp.price, sp.store_id)
SELECT row_number() OVER (ORDER BY product_key) - 1 AS n, product_key, min(price) AS cheapest,
       array_agg(chain_id ORDER BY chain_id) AS chains, array_agg(store_id ORDER BY chain_id) AS stores, array_agg(price ORDER BY chain_id) AS prices
FROM cheapest GROUP BY product_key;
CREATE INDEX ON bench_products (n);
ANALYZE bench_products;

INSERT INTO watch_users (user_id, webhook_secret) SELECT 'bench-' || u, md5(random()::text) FROM generate_series(0, :users - 1) u;

INSERT INTO watches (user_id, product_key, chains, stores, condition, threshold, webhook_url, reference_price, armed_at)
SELECT 'bench-' || w.u, p.product_key,
       CASE WHEN w.s >= :anywhere THEN ARRAY[p.chains[k]] ELSE '{}' END,
       CASE WHEN w.s >= :anywhere + (1 - :anywhere) * 2 / 3.0 THEN ARRAY[p.chains[k] || ':' || p.stores[k]] ELSE '{}' END,
       CASE WHEN w.c < 0.45 THEN 'drop' WHEN w.c < 0.8 THEN 'below' ELSE 'promotion' END,
       CASE WHEN w.c < 0.45 THEN (ARRAY[5, 10, 15, 20])[1 + floor(w.t * 4)::int]
            WHEN w.c < 0.8 THEN round(reference * (0.95 + 0.05 * w.t::numeric), 2) END,
       :'hook' || 'bench-' || w.u, reference, now()
FROM (SELECT i, CASE WHEN i < :products THEN i ELSE floor(:products * power(random(), 2))::int END AS n,
             floor(:users * power(random(), 1.5))::int AS u, random() AS c, random() AS s, random() AS t, random() AS r
      FROM generate_series(0, :watches - 1) i) w
JOIN bench_products p ON p.n = w.n
CROSS JOIN LATERAL (SELECT 1 + floor(w.r * cardinality(p.chains))::int AS k) pick
CROSS JOIN LATERAL (SELECT CASE WHEN w.s >= :anywhere THEN p.prices[k] ELSE p.cheapest END AS reference) armed;
ANALYZE watches;
SQL
if [ "$KEPT" = yes ]; then
  # What the watch grains keep of each watched product when its watches are made (ADR 0018): its price in every store,
  # a product's rows written together as one full read writes them.
  sql <<'SQL'
INSERT INTO watched_offers (product_key, chain_id, store_id, price)
SELECT sp.product_key, sp.chain_id, sp.store_id, sp.price FROM store_prices sp WHERE sp.available AND sp.product_key IN (SELECT product_key FROM watches)
ORDER BY sp.product_key, sp.chain_id, sp.store_id;
INSERT INTO watched_offer_reads (product_key, read_at) SELECT DISTINCT product_key, now() FROM watches;
SQL
  echo "   $(sql -c "SELECT count(*) || ' offers of ' || count(DISTINCT product_key) || ' products kept, as the watch grains keep them when watches are made' FROM watched_offers")"
fi
echo "   $(sql -c "SELECT count(*) || ' watches (' || count(DISTINCT product_key) || ' products, ' || count(DISTINCT user_id) || ' users): ' || string_agg(DISTINCT condition, '/') FROM watches") in $SECONDS s"
echo "   $(sql -c "SELECT count(*) FILTER (WHERE anywhere) || ' of ' || count(*) || ' watched products have a watch of every store' FROM (SELECT bool_or(cardinality(chains) = 0 AND cardinality(stores) = 0) AS anywhere FROM watches GROUP BY product_key) p")"
# What a running system's autovacuum did long before: not in the measured day.
sql -c "VACUUM ANALYZE watches" -c "VACUUM ANALYZE watched_offers" -c "VACUUM ANALYZE watched_offer_reads"
restart

echo "-- next day, with the watches"
measure with "$WORK/day3"
followed
sleep 2
kill -TERM $RECEIVER; wait $RECEIVER || true
echo "   $(sql -c "SELECT count(*) || ' notices in ' || (SELECT count(*) FROM watch_deliveries) || ' webhooks' FROM watch_notifications")"
alertbench report "$WORK/arrivals.tsv" | sed 's/^/   /'

echo "== the next day's import, rows/s: without watches ${RATE[without]:-?}, with $WATCHES watches ${RATE[with]:-?}"
