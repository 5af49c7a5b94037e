#!/usr/bin/env bash
# Search as a shopper types it, in a real browser, with the national catalogue imported: recreates the local database,
# starts the system (the gateway's per-client rate limit raised for the load), imports the real PriceFull files and the
# synthetic national catalogue (10 chains × 8,000 items, as ADR 0020 measured search on), then types queries made of
# product names into the search page (bench/Gogobe.WebBench, Debian's chromium through Playwright) and prints the time
# from each key press to its results painted: alone, then beside connections asking the search API without pause.
#   bench/web.sh [queries] [load connections]      (default 40 queries, 32 connections)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUERIES=${1:-40}
CONNECTIONS=${2:-32}
OFFSET="${GOGOBE_PORT_OFFSET:-0}"
GATEWAY="http://127.0.0.1:$((8080 + OFFSET))"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cli() { dotnet "$ROOT/src/Cli/bin/Release/net10.0/gogobe.dll" "$@"; }

command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
dotnet build "$ROOT/src/Cli" -c Release -nologo -v quiet >/dev/null
dotnet build "$ROOT/bench/Gogobe.WebBench" -c Release -nologo -v quiet >/dev/null
RateLimit__Burst=1000000 RateLimit__PerSecond=1000000 "$ROOT/bench/fresh-system.sh"
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)

mkdir -p "$WORK/files"
find "$ROOT/../shared/feeds" -name 'PriceFull*' -exec cp {} "$WORK/files/" \;
cli feeds generate --chains 10 --stores 2 --items 8000 --layout A --seed 42 --out "$WORK/gen" >/dev/null
cp "$WORK"/gen/PriceFull* "$WORK/files/"
echo "== importing $(ls "$WORK/files" | wc -l) PriceFull files"
cli import --parallel 8 --gateway "$GATEWAY" --token "$(cli token --role importer)" "$WORK/files" | tail -n 1 || true
# The gateway's search index reads the products written lately every 10 s: give it two rounds.
sleep 20
echo "== search page, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$ROOT/bench/Gogobe.WebBench/bin/Release/net10.0/Gogobe.WebBench.dll" "$GATEWAY" "$QUERIES" "$CONNECTIONS"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
