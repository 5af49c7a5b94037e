#!/usr/bin/env bash
# Adds or removes one import silo of the system started by up.sh, while it runs.
#   deploy/local/silo.sh add       starts the next import silo (import1, import2, ...) and waits until it takes work
#   deploy/local/silo.sh remove    stops the newest import silo with SIGTERM: it finishes or hands back its imports
#   deploy/local/silo.sh list      the silos that run, with their roles and ports
# Import silo N listens on HTTP 8090+N, silo port 11120+N, gateway port 30010+N. GOGOBE_PORT_OFFSET shifts every
# port of up.sh and silo.sh (the gateway's 8080, the silos' 8081, 11111, 30000, ...) to run a second system beside one.
# An import-only silo runs at a lower CPU priority (GOGOBE_IMPORT_NICE, default 10; 0 for none): on a machine it shares
# with the query silo, the scheduler serves the query silo's work (queries, price alerts) before the bulk import's
# (ADR 0013). In Kubernetes the query Deployment's CPU requests do this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
RUN="$DATA/run"; LOGS="$DATA/logs"
BASE="${GOGOBE_PORT_OFFSET:-0}"
BIN_SILO="$ROOT/src/Silo/bin/Release/net10.0/Gogobe.Silo.dll"
# How long a removed silo may take to finish its imports and leave (Ingest:ShutdownTimeout plus Orleans' own stop).
GRACE_SECONDS="${GOGOBE_SILO_GRACE_SECONDS:-90}"
mkdir -p "$RUN" "$LOGS"

running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# Writes the Prometheus file_sd entry of a host; infra.sh's Prometheus picks it up within seconds.
register() {
  local name=$1 port=$2 job=$3 dir="$DATA/prometheus/targets"
  mkdir -p "$dir"
  printf '[{"targets":["127.0.0.1:%s"],"labels":{"job":"%s","host":"%s"}}]\n' "$port" "$job" "$name" >"$dir/$name.json.tmp"
  mv "$dir/$name.json.tmp" "$dir/$name.json"
}

unregister() { rm -f "$DATA/prometheus/targets/$1.json"; }

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then return 0; fi
    if ! running "$name"; then echo "$name exited:"; tail -n 20 "$LOGS/$name.log"; return 1; fi
    sleep 1
  done
  echo "$name not ready after 180 s; see $LOGS/$name.log"; return 1
}

# Starts one silo: name, roles, HTTP port, silo port, gateway port. The environment (servers, file store) comes from up.sh.
start_silo() {
  local name=$1 roles=$2 http=$3 silo=$4 gateway=$5
  if running "$name"; then echo "$name already running (pid $(cat "$RUN/$name.pid"))"; return; fi
  # A query-only silo compiles without dynamic PGO and promotes a method to tier 1 after 2 calls instead of 30: its idle
  # minutes are not spent compiling, again and again, methods its timers reach now and then (ADR 0013, idle query
  # silo). Silos that import keep the runtime's defaults (ADR 0009).
  local runtime=()
  [ "$roles" != query ] || runtime=(DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}" DOTNET_TC_CallCountThreshold="${DOTNET_TC_CallCountThreshold:-2}")
  local priority=()
  [ "$roles" != import ] || [ "${GOGOBE_IMPORT_NICE:-10}" = 0 ] || priority=(nice -n "${GOGOBE_IMPORT_NICE:-10}")
  # Silos do not use Redis: only the gateway gets its setting.
  nohup "${priority[@]}" env -u Redis__Configuration Urls="http://127.0.0.1:$http" Silo__SiloPort="$silo" Silo__GatewayPort="$gateway" Silo__Roles="$roles" \
    "${runtime[@]}" dotnet "$BIN_SILO" >"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  register "$name" "$http" gogobe-silo
}

import_silos() { ls "$RUN" 2>/dev/null | sed -n 's/^import\([0-9][0-9]*\)\.pid$/\1/p' | sort -n; }

add() {
  local n=1
  while running "import$n"; do n=$((n + 1)); done
  start_silo "import$n" import $((8090 + BASE + n)) $((11120 + BASE + n)) $((30010 + BASE + n))
  wait_ready "http://127.0.0.1:$((8090 + BASE + n))" "import$n"
  echo "import$n takes work (HTTP :$((8090 + BASE + n)), log $LOGS/import$n.log)"
}

remove() {
  local n pid
  n=$(import_silos | tail -n 1)
  [ -n "$n" ] || { echo "no import silo runs"; return 1; }
  pid=$(cat "$RUN/import$n.pid")
  unregister "import$n"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 $((GRACE_SECONDS * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "import$n still running after ${GRACE_SECONDS} s: killing it (its unacknowledged uploads are redelivered)"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN/import$n.pid"
  echo "import$n stopped: $(grep -o 'Import bridge stopped ([^)]*)' "$LOGS/import$n.log" | tail -n 1 || true)"
}

list() {
  for f in "$RUN"/*.pid; do
    [ -e "$f" ] || continue
    local name; name=$(basename "$f" .pid)
    running "$name" && echo "$name pid $(cat "$f") $(tr '\0' '\n' <"/proc/$(cat "$f")/environ" 2>/dev/null | grep -E '^(Urls|Silo__Roles)=' | tr '\n' ' ')"
  done
}

# up.sh sources this file for start_silo and register; run directly, it takes a command.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ -f "$BIN_SILO" ] || { echo "build first: deploy/local/up.sh builds the silo"; exit 1; }
  # The same servers and file store as up.sh gave the running system.
  while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)
  export FileStore__Root="${FileStore__Root:-$DATA/files}"
  export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
  case "${1:-}" in
    add) add ;;
    remove) remove ;;
    list) list ;;
    *) echo "usage: $0 add|remove|list" >&2; exit 64 ;;
  esac
fi
