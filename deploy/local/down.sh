#!/usr/bin/env bash
# Stops the gateway, the silos and the local infrastructure started by up.sh.
#   deploy/local/down.sh [--keep-infra]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${GOGOBE_DATA:-$ROOT/.data}/run"
for pid_file in "$RUN"/gateway.pid "$RUN"/import*.pid "$RUN"/silo2.pid "$RUN"/silo1.pid; do
  name=$(basename "$pid_file" .pid)
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "stopped $name"
  fi
  rm -f "$pid_file" "${GOGOBE_DATA:-$ROOT/.data}/prometheus/targets/$name.json"
done
[ "${1:-}" = "--keep-infra" ] || "$ROOT/deploy/local/infra.sh" down
