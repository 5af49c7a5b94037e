#!/usr/bin/env bash
# What an idle query silo costs: starts the system with only a query silo and the gateway (deploy/local/up.sh
# --import-silos 0), lets it settle, then over each quiet minute prints each process's CPU as a share of one core
# (from /proc, clock ticks of user + system time), the load average, and what the query silo asked of the servers
# meanwhile: SQL statements (pg_stat_statements, the most frequent first) and NATS messages in and out of its connection.
#   bench/idle-query.sh [minutes] [settle seconds]     (default 2 minutes after 240 s)
# The settle time matters: after a start the runtime compiles the methods timers call now and then at its optimising
# tier once they were called often enough (the query silo and the gateway after 2 calls, ADR 0013), which was two
# thirds of an idle silo's CPU 30 s after its start (perf: the ".NET Tiered Compilation" thread).
# GOGOBE_PORT_OFFSET shifts the hosts' ports as in up.sh; it stops the hosts it started and keeps the servers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
RUN="$DATA/run"
MINUTES=${1:-2}
SETTLE=${2:-240}
NATS_MONITOR="http://127.0.0.1:${GOGOBE_NATS_MONITOR_PORT:-58222}"

"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null 2>&1 || true
"$ROOT/deploy/local/up.sh" --import-silos 0 >/dev/null
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)
PG_URL=$(echo "$Postgres__ConnectionString" | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
  END { printf "postgresql://%s:%s@%s:%s/%s", v["Username"], v["Password"], v["Host"], v["Port"], v["Database"] }')
trap 'rm -rf "$WORK"; "$ROOT/deploy/local/down.sh" --keep-infra >/dev/null 2>&1 || true' EXIT
sql() { psql "$PG_URL" -qtAX -F ' ' -c "$1"; }
# Statement counts of every client as the server sees them (pg_stat_statements, loaded by infra.sh; the extension is
# created by a superuser: CREATE EXTENSION pg_stat_statements in the gogobe database).
statements() { sql "SELECT queryid, calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements
  WHERE query NOT LIKE '%pg_stat_statements%'" 2>/dev/null || true; }
WORK=$(mktemp -d)

# User + system time of a process and of its children that ended (PostgreSQL's backends come and go).
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() { local total=0 p; for p in $1 $(pgrep -P "$1" || true); do total=$((total + $(ticks "$p"))); done; echo "$total"; }
# Messages in and out of the query silo's NATS connection (the silo names it gogobe-silo@host; it is the only one now).
nats_msgs() {
  curl -fsS "$NATS_MONITOR/connz?limit=1024" 2>/dev/null | python3 -c '
import json, sys
conns = [c for c in json.load(sys.stdin).get("connections", []) if c.get("name", "").startswith("gogobe-silo")]
print(sum(c["in_msgs"] for c in conns), sum(c["out_msgs"] for c in conns))' 2>/dev/null || echo "0 0"
}

PG_PID=$(pgrep -f "postgres.*-p ${GOGOBE_PG_PORT:-55432}" | head -n 1 || true)
declare -A pids=([query-silo]=$(cat "$RUN/silo1.pid") [gateway]=$(cat "$RUN/gateway.pid")
  [postgresql]=${PG_PID:-0} [nats]=$(cat "$DATA/nats/nats.pid" 2>/dev/null || echo 0)
  [redis]=$(cat "$DATA/redis/redis.pid" 2>/dev/null || echo 0) [prometheus]=$(cat "$DATA/prometheus/prometheus.pid" 2>/dev/null || echo 0))
echo "== only the query silo, the gateway and the servers; ${SETTLE} s to settle, then ${MINUTES} quiet minute(s)"
sleep "$SETTLE"
hz=$(getconf CLK_TCK)
for minute in $(seq 1 "$MINUTES"); do
  declare -A before=()
  for n in "${!pids[@]}"; do before[$n]=$(tree_ticks "${pids[$n]}"); done
  read -r in1 out1 <<<"$(nats_msgs)"
  statements >"$WORK/before"
  cpu_before=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  sleep 60
  cpu_after=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r in2 out2 <<<"$(nats_msgs)"
  statements >"$WORK/after"
  echo "-- minute $minute (share of one core)"
  for n in query-silo gateway postgresql nats redis prometheus; do
    used=$(( $(tree_ticks "${pids[$n]}") - ${before[$n]} ))
    awk -v u="$used" -v hz="$hz" -v n="$n" 'BEGIN { printf "  %-11s %6.2f%%\n", n, 100 * u / hz / 60 }'
  done
  read -r b1 i1 <<<"$cpu_before"; read -r b2 i2 <<<"$cpu_after"
  awk -v b=$((b2 - b1)) -v i=$((i2 - i1)) -v l="$load" 'BEGIN { printf "  machine: %.0f%% of its cores busy, load average %s\n", 100 * b / (b + i), l }'
  echo "  query silo's NATS connection: $((in2 - in1)) messages in (its requests and acks), $((out2 - out1)) out"
  echo "  SQL statements of the minute, every client (calls, statement):"
  python3 - "$WORK/before" "$WORK/after" <<'PY' || echo "    (pg_stat_statements not readable)"
import sys
def load(path):
    rows = {}
    for line in open(path):
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            rows[parts[0]] = (int(parts[1]), parts[2])
    return rows
before, after = load(sys.argv[1]), load(sys.argv[2])
calls = sorted(((n - before.get(q, (0, ""))[0], text) for q, (n, text) in after.items()), reverse=True)
calls = [c for c in calls if c[0] > 0]
print("    total {}".format(sum(c[0] for c in calls)))
for n, text in calls[:8]:
    print("    {:6} {}".format(n, text))
PY
done
