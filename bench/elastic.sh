#!/usr/bin/env bash
# Elasticity on this machine, with deploy/local/up.sh --import-silos 1 and deploy/local/silo.sh:
#  1. synthetic price files are uploaded while no import silo runs; one starts (timed from its start, readiness
#     included) and a second joins while they import: files completed per silo over time;
#  2. that silo leaves (SIGTERM) while the import goes on: every file completes, attempts per file;
#  3. with only the query silo (and the gateway and the servers) up and no uploads: each process's CPU over a quiet minute.
#   bench/elastic.sh [files] [items per file]      (default 80 files of 4000 items)
# GOGOBE_PORT_OFFSET shifts the hosts' ports as in up.sh (to run beside another system); it stops the hosts it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
RUN="$DATA/run"
FILES=${1:-80}
ITEMS=${2:-4000}
OFFSET="${GOGOBE_PORT_OFFSET:-0}"
GATEWAY="http://127.0.0.1:$((8080 + OFFSET))"
CLI=(dotnet "$ROOT/src/Cli/bin/Release/net10.0/gogobe.dll")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null 2>&1 || true
"$ROOT/deploy/local/up.sh" --import-silos 1 >/dev/null
dotnet build "$ROOT/src/Cli" -c Release -nologo -v quiet >/dev/null
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)
PG_URL=$(echo "$Postgres__ConnectionString" | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "postgresql://%s:%s@%s:%s/%s", v["Username"], v["Password"], v["Host"], v["Port"], v["Database"] }')
sql() { psql "$PG_URL" -qtAX -F ' ' -c "$1"; }

"${CLI[@]}" feeds generate --chains 1 --stores "$FILES" --items "$ITEMS" --layout A --seed "$((RANDOM + 1))" --out "$WORK/all" >/dev/null
mkdir -p "$WORK/upload" && mv "$WORK"/all/PriceFull* "$WORK/upload/"
TOKEN=$("${CLI[@]}" token --role importer)
SINCE=$(sql "SELECT now()")

progress() {
  sql "SELECT coalesce(string_agg(s || '=' || n, ' ' ORDER BY s), '-') FROM (SELECT split_part(silo, '@', 1) s, count(*) n FROM imports
       WHERE status = 'Completed' AND submitted_at >= '$SINCE' GROUP BY 1) t"
}
done_count() { sql "SELECT count(*) FROM imports WHERE status = 'Completed' AND submitted_at >= '$SINCE'"; }

echo "== $FILES PriceFull files of $ITEMS items uploaded with no import silo running (they wait in JetStream); then one"
echo "   import silo starts, a second joins at 15% done and leaves at 60% done"
while [ -n "$(ls "$RUN" | grep '^import')" ]; do "$ROOT/deploy/local/silo.sh" remove >/dev/null; done
"${CLI[@]}" import "$WORK/upload" --gateway "$GATEWAY" --token "$TOKEN" --parallel 4 >"$WORK/import.log" 2>&1 &
IMPORTER=$!
uploaded=$(date +%s)
until [ "$(sql "SELECT count(*) FROM imports WHERE status = 'Queued' AND submitted_at >= '$SINCE'")" -ge "$FILES" ]; do
  sleep 1
  [ $(( $(date +%s) - uploaded )) -lt 600 ] || { echo "the uploads did not all arrive within 10 minutes"; exit 1; }
done
echo "  uploaded in $(( $(date +%s) - uploaded )) s; starting import1"
"$ROOT/deploy/local/silo.sh" add >/dev/null
start=$(date +%s.%N)
joined=""; left=""
while true; do
  n=$(done_count)
  t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
  echo "  t=${t}s completed=$n per silo: $(progress)"
  if [ -z "$joined" ] && [ "$n" -ge $((FILES * 15 / 100)) ]; then
    echo "  t=${t}s import2 starting"
    "$ROOT/deploy/local/silo.sh" add >/dev/null; joined=$t
    echo "  t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')s import2 ready"
  fi
  if [ -n "$joined" ] && [ -z "$left" ] && [ "$n" -ge $((FILES * 60 / 100)) ]; then
    ( "$ROOT/deploy/local/silo.sh" remove >"$WORK/remove.log" 2>&1; echo "  import2 exited: $(tail -n 1 "$WORK/remove.log")" ) &
    left=$t; echo "  t=${t}s import2 stopping (SIGTERM)"
  fi
  [ "$n" -ge "$FILES" ] && break
  sleep 2
done
wait "$IMPORTER" || true
wait
echo "== outcome: $(sql "SELECT count(*) FILTER (WHERE status = 'Completed') || ' completed, ' || count(*) FILTER (WHERE status <> 'Completed') || ' not, attempts max ' || max(attempts) || ', files attempted twice ' || count(*) FILTER (WHERE attempts > 1) FROM imports WHERE submitted_at >= '$SINCE'")"
echo "   per silo: $(progress)"

echo "== idle: import silos removed, only the query silo, the gateway and the servers; 30 s to settle, then 60 s"
while [ -n "$(ls "$RUN" | grep '^import')" ]; do "$ROOT/deploy/local/silo.sh" remove >/dev/null; done
sleep 30
# User + system time of a process and of its children that ended (PostgreSQL's backends come and go).
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() { local total=0 p; for p in $1 $(pgrep -P "$1" || true); do total=$((total + $(ticks "$p"))); done; echo "$total"; }
PG_PID=$(pgrep -f "postgres.*-p ${GOGOBE_PG_PORT:-55432}" | head -n 1 || true)
declare -A pids=([query-silo]=$(cat "$RUN/silo1.pid") [gateway]=$(cat "$RUN/gateway.pid")
  [postgresql]=${PG_PID:-0} [nats]=$(cat "$DATA/nats/nats.pid" 2>/dev/null || echo 0)
  [redis]=$(cat "$DATA/redis/redis.pid" 2>/dev/null || echo 0) [prometheus]=$(cat "$DATA/prometheus/prometheus.pid" 2>/dev/null || echo 0))
declare -A before
for n in "${!pids[@]}"; do before[$n]=$(tree_ticks "${pids[$n]}"); done
cpu_before=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
sleep 60
cpu_after=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
hz=$(getconf CLK_TCK); total=0
for n in query-silo gateway postgresql nats redis prometheus; do
  used=$(( $(tree_ticks "${pids[$n]}") - ${before[$n]} )); total=$((total + used))
  awk -v u="$used" -v hz="$hz" -v n="$n" 'BEGIN { printf "  %-11s %6.2f%% of a core\n", n, 100 * u / hz / 60 }'
done
awk -v u="$total" -v hz="$hz" 'BEGIN { printf "  %-11s %6.2f%% of a core (import silos: none running)\n", "system", 100 * u / hz / 60 }'
read -r b1 i1 <<<"$cpu_before"; read -r b2 i2 <<<"$cpu_after"
awk -v b=$((b2 - b1)) -v i=$((i2 - i1)) -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN { printf "  machine meanwhile: %.0f%% of its cores busy (other work), load average %s\n", 100 * b / (b + i), l }'
"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null
