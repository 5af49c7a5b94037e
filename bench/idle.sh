#!/usr/bin/env bash
# Idle check of a running system (deploy/local/up.sh): Gogobe grain activations per silo, then the CPU each silo
# uses over a quiet minute, as a share of one core (from /proc/<pid>/stat, clock ticks of user + system time).
#   bench/idle.sh [seconds]    (default 60)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="${GOGOBE_DATA:-$ROOT/.data}/run"
SECONDS_TO_WATCH=${1:-60}
GATEWAY=${GOGOBE_GATEWAY:-http://127.0.0.1:8080}

echo "== Gogobe grain activations"
curl -fsS "$GATEWAY/api/cluster/grains" | python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if "Gogobe" in r["grainType"] and r["activations"] > 0]
for r in rows: print("  {:32} {:60} {}".format(r["silo"], r["grainType"], r["activations"]))
print("  total {}".format(sum(r["activations"] for r in rows)))'

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
declare -A start
for n in silo1 silo2 gateway; do start[$n]=$(ticks "$(cat "$RUN/$n.pid")"); done
sleep "$SECONDS_TO_WATCH"
echo "== CPU over ${SECONDS_TO_WATCH} s (share of one core)"
for n in silo1 silo2 gateway; do
  used=$(( $(ticks "$(cat "$RUN/$n.pid")") - ${start[$n]} ))
  awk -v u="$used" -v hz="$hz" -v s="$SECONDS_TO_WATCH" -v n="$n" 'BEGIN { printf "  %-8s %.2f%%\n", n, 100 * u / hz / s }'
done
