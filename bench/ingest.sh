#!/usr/bin/env bash
# End-to-end ingest benchmark: gzip files on disk → gateway → NATS → two silos → committed rows in PostgreSQL.
# Starts the system on an EMPTY database (the local 'gogobe' database is recreated), warms the hosts up on a small
# synthetic day of other chains, then measures:
#   1. first import of a day of PriceFull files: the real ones from ../shared/feeds as they are; then each of them as its
#      chain would publish it for --real-stores stores (the store id rewritten in the name and the content); then a
#      synthetic day;
#   2. the synthetic day republished at noon with no price change (new bytes and timestamps, same prices);
#   3. once the price lists have gone idle, the generator's next day, with a few per cent of prices changed;
#   4. the first day's files once more (the same bytes: already imported);
# and prints rows/s and the peak resident memory of each silo.
#   bench/ingest.sh [--stores N] [--items K] [--chains C] [--real-stores R]
#   (defaults: 200 stores × 8,000 items, 10 chains; 25 stores per real file)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORES=200; ITEMS=8000; CHAINS=10; REAL_STORES=25
while [ $# -gt 0 ]; do case "$1" in
  --stores) STORES=$2; shift 2 ;; --items) ITEMS=$2; shift 2 ;; --chains) CHAINS=$2; shift 2 ;; --real-stores) REAL_STORES=$2; shift 2 ;;
  *) echo "unknown $1" >&2; exit 64 ;;
esac; done
WORK="${GOGOBE_BENCH_DIR:-/tmp/gogobe-bench}"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
cli() { dotnet "$ROOT/src/Cli/bin/Release/net10.0/gogobe.dll" "$@"; }
# Ports as deploy/local/up.sh gives them (GOGOBE_PORT_OFFSET), the CLI's gateway and signing key with them.
BASE="${GOGOBE_PORT_OFFSET:-0}"
export GOGOBE_GATEWAY="${GOGOBE_GATEWAY:-http://127.0.0.1:$((8080 + BASE))}"

dotnet build "$ROOT/src/Cli" -c Release -nologo -v quiet >/dev/null
"$ROOT/bench/fresh-system.sh"
export Auth__SigningKey="${Auth__SigningKey:-$(cat "$DATA/auth.key")}"

peak_sampler() {
  : >"$WORK/rss.log"
  while true; do
    for n in silo1 silo2; do echo "$n $(ps -o rss= -p "$(cat "$DATA/run/$n.pid")" 2>/dev/null || echo 0)"; done >>"$WORK/rss.log"
    sleep 1
  done
}
peaks() { awk '{ if ($2 > max[$1]) max[$1] = $2 } END { for (n in max) printf "%s peak RSS %.0f MiB\n", n, max[n] / 1024 }' "$WORK/rss.log" | sort; }

# CPU seconds each part of the system used during one step, from /proc (user + system time; a process's waited-for
# children count too, so PostgreSQL's ended backends are included through the postmaster).
cpu_of() { local total=0 p; for p in "$@"; do total=$((total + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$total"; }
# The shell's children's CPU (the CLI's), read with the builtin in this shell: a subshell would count only its own.
# Sets CHILD_CPU, in hundredths of a second.
children_cpu() { times >"$WORK/times"; CHILD_CPU=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } } END { printf "%.0f", s * 100 }' "$WORK/times"); }
cpu_snapshot() {
  echo "$(cpu_of "$(cat "$DATA/run/silo1.pid")") $(cpu_of "$(cat "$DATA/run/silo2.pid")") $(cpu_of "$(cat "$DATA/run/gateway.pid")")" \
    "$(cpu_of $(pgrep -x postgres)) $(cpu_of $(pgrep -x nats-server))"
}
# Runs one measured import and prints, after the CLI's summary, the CPU seconds of each process over the step.
measure() {
  local before after
  children_cpu; before="$(cpu_snapshot) $CHILD_CPU"; SECONDS=0
  cli import --parallel 8 "$1" | tail -n 1 || true
  children_cpu; after="$(cpu_snapshot) $CHILD_CPU"
  awk -v a="$before" -v b="$after" -v hz="$(getconf CLK_TCK)" -v wall="$SECONDS" 'BEGIN {
    split(a, x, " "); split(b, y, " "); for (i = 1; i <= 6; i++) d[i] = (y[i] - x[i]) / (i == 6 ? 100 : hz)
    printf "   CPU seconds: silos %.1f + %.1f, gateway %.1f, PostgreSQL %.1f, NATS %.1f, CLI %.1f; total %.1f in about %d s of wall time\n",
      d[1], d[2], d[3], d[4], d[5], d[6], d[1] + d[2] + d[3] + d[4] + d[5] + d[6], wall }'
}

rm -rf "$WORK"; mkdir -p "$WORK/real" "$WORK/realstores" "$WORK/day1" "$WORK/day2"
peak_sampler & SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT

echo "== warm-up: two small synthetic days of other chains in every layout (not a measurement)"
# A silo runs for days; a fresh one first compiles and re-compiles its hot code (tiered JIT), per file as well as per
# row. Two rounds of 120 small files in the six layouts get those methods past their call counts before measuring.
for seed in 777 778; do
  cli feeds generate --chains 6 --stores 20 --items 1000 --layout mixed --seed "$seed" --out "$WORK/warmgen$seed" >/dev/null
  mkdir -p "$WORK/warm$seed"; cp "$WORK/warmgen$seed"/PriceFull* "$WORK/warm$seed/"
  cli import --parallel 8 "$WORK/warm$seed" | tail -n 1 || true
done
sleep 5

echo "== real PriceFull files from ../shared/feeds, first import"
find "$ROOT/../shared/feeds" -name 'PriceFull*' -exec cp {} "$WORK/real/" \;
measure "$WORK/real"

echo "== the same real files, each as its chain would publish it for $REAL_STORES stores (store ids 9000 and up), first import"
# 16 files are too few to measure a rate: fixed costs (starting the CLI, the first product facts of every chain) dominate.
# A chain publishes the same catalogue for each of its stores; these copies differ only in the store id, so the import
# writes each chain's product facts once more at most and spends its time on prices. Unreadable files are left out.
index=0
for f in "$WORK"/real/PriceFull*; do
  zcat -f "$f" >"$WORK/one.xml" 2>/dev/null || continue
  name=$(basename "${f%.gz}")
  for i in $(seq 0 $((REAL_STORES - 1))); do
    id=$((9000 + index * REAL_STORES + i))
    sed -E "s#<(StoreI[dD])>[^<]*</#<\1>$id</#g" "$WORK/one.xml" | gzip -1 >"$WORK/realstores/$(echo "$name" | sed -E "s/^(PriceFull[0-9]+)-[0-9]*-/\1-$id-/").gz"
  done
  index=$((index + 1))
done
rm -f "$WORK/one.xml"
measure "$WORK/realstores"

echo "== synthetic days: $CHAINS chains, $STORES stores x $ITEMS items (layout A, PriceFull only)"
cli feeds generate --chains "$CHAINS" --stores "$((STORES / CHAINS))" --items "$ITEMS" --layout A --seed 42 --days 2 --out "$WORK/gen" >/dev/null
read -r first second <<<"$(ls "$WORK"/gen/PriceFull* | grep -oE '[0-9]{12}\.gz$' | cut -c1-8 | sort -u | tr '\n' ' ')"
cp "$WORK"/gen/PriceFull*-"$first"????.gz "$WORK/day1/"
mkdir -p "$WORK/nextday"; cp "$WORK"/gen/PriceFull*-"$second"????.gz "$WORK/nextday/"
echo "-- first import"
measure "$WORK/day1"

echo "-- the same day republished at noon (new bytes and times), no price changed"
for f in "$WORK"/day1/PriceFull*.gz; do
  name=$(basename "$f" .gz)
  stamp=$(echo "$name" | grep -oE '[0-9]{12}$')
  noon=$(date -u -d "${stamp:0:8} ${stamp:8:2}:${stamp:10:2} UTC + 12 hours" +%Y%m%d%H%M)
  zcat "$f" > "$WORK/day2/${name%$stamp}$noon"
  gzip "$WORK/day2/${name%$stamp}$noon"
done
measure "$WORK/day2"

echo "-- waiting until no price list is active (Silo:IdleAfter), as between two days"
live_price_lists() {
  for port in $((8081 + BASE)) $((8082 + BASE)); do curl -s "http://127.0.0.1:$port/metrics"; done |
    awk '/^orleans_catalog_activation_(created|destroyed)_total\{.*grain_type="pricelist"/ { n += ($1 ~ /created/ ? $2 : -$2) } END { print n + 0 }'
}
for _ in $(seq 1 120); do [ "$(live_price_lists)" -eq 0 ] && break; sleep 5; done
echo "   price lists active: $(live_price_lists)"

echo "-- the next day: the generator's second day (a few per cent of prices changed), read against idle price lists"
measure "$WORK/nextday"

echo "-- the first day's files once more (already imported: recognised by their SHA-256, nothing sent)"
measure "$WORK/day1"
peaks
