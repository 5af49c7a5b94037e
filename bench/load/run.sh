#!/usr/bin/env bash
# Load benchmark of the gateway's query side with wrk, against a running system (deploy/local/up.sh).
#   BASE_URL     gateway to measure (default http://127.0.0.1:8080)
#   IMPORT_DIR   optional: upload every file of this folder first (e.g. one made by
#                `dotnet run -c Release --project src/Cli -- feeds generate --chains 10 --stores 20 --items 6000 --out DIR`)
#   TOKEN        bearer token with role importer (default: `dotnet run --project src/Cli -- token`)
#   DURATION     seconds per scenario (default 20); THREADS / CONNECTIONS of wrk (default 2 / 32)
# The gateway's rate limit applies per client: start it with RateLimit__Burst and RateLimit__PerSecond high enough.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/load"
BASE_URL="${BASE_URL:-http://127.0.0.1:8080}"
DURATION="${DURATION:-20}"; THREADS="${THREADS:-2}"; CONNECTIONS="${CONNECTIONS:-32}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "installing wrk..."; apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
command -v jq >/dev/null || { echo "installing jq..."; apt-get install -y jq >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y jq >/dev/null; }; }

if [ -n "${IMPORT_DIR:-}" ]; then
  TOKEN="${TOKEN:-$(dotnet run --project "$ROOT/src/Cli" -- token 2>/dev/null | tail -n 1)}"
  echo "importing $(ls "$IMPORT_DIR" | grep -vc '\.tsv$') files from $IMPORT_DIR..."
  started=$(date +%s)
  ls "$IMPORT_DIR" | grep -v '\.tsv$' | sort -t- -k1,1 | xargs -P 4 -I{} \
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -F "file=@$IMPORT_DIR/{}" "$BASE_URL/api/imports"
  while :; do
    pending=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/imports?limit=500" | jq '[.[] | select(.status == "Queued" or .status == "Running")] | length')
    [ "$pending" = "0" ] && break
    sleep 5
  done
  echo "imported in $(( $(date +%s) - started )) s"
fi

# Products to ask for: barcodes found by search; words: taken from their names.
for prefix in 7290 7291 7292 7293 7294 7295 7296 7297 7298 7299; do
  curl -fsS "$BASE_URL/api/products/search?q=$prefix&limit=50" | jq -r '.results[].key'
done | sort -u >"$WORK/keys"
[ -s "$WORK/keys" ] || { echo "no products found at $BASE_URL: import some files first (IMPORT_DIR=...)"; exit 1; }
while read -r key; do curl -fsS "$BASE_URL/api/products/$key" | jq -r '.name'; done < <(head -n 100 "$WORK/keys") \
  | tr ' ' '\n' | awk 'length($0) >= 3' | sort -u >"$WORK/words"
echo "$(wc -l <"$WORK/keys") product keys, $(wc -l <"$WORK/words") search words"

echo "warming the cache..."
while read -r key; do curl -fsS -o /dev/null "$BASE_URL/api/products/$key/prices?near=32.0853,34.7818&radiusKm=10&limit=20"; done <"$WORK/keys"

scenario() {
  local name=$1 script=$2
  echo; echo "== $name"
  KEYS_FILE="$WORK/keys" WORDS_FILE="$WORK/words" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/$script" "$BASE_URL" \
    | grep -E "Requests/sec|Latency |50%|90%|99%|Non-2xx|requests in"
}
scenario "cached product prices (target >= 5000 req/s, p99 < 20 ms)" prices.lua
scenario "search (target p99 < 50 ms)" search.lua
CONNECTIONS="${BASKET_CONNECTIONS:-8}" scenario "basket of 20 items within 10 km (target p99 < 100 ms)" basket.lua

echo; echo "== activations per silo"
curl -fsS "$BASE_URL/api/cluster" | jq -r '.[] | "\(.address)  \(.status)  activations=\(.activations)"'
