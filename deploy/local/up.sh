#!/usr/bin/env bash
# Starts the whole system on this machine: PostgreSQL, NATS, Redis and Prometheus (infra.sh), two silos and the gateway.
#   deploy/local/up.sh                    two silos that both query and import (the default)
#   deploy/local/up.sh --import-silos N   one query silo and N import silos (N may be 0: uploads then wait in JetStream);
#                                         deploy/local/silo.sh add|remove adds or removes one import silo while it runs
# Logs: .data/logs/*.log   Stop with deploy/local/down.sh
set -euo pipefail
IMPORT_SILOS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --import-silos) IMPORT_SILOS="${2:-}"; shift 2 ;;
    --import-silos=*) IMPORT_SILOS="${1#*=}"; shift ;;
    *) echo "usage: $0 [--import-silos N]" >&2; exit 64 ;;
  esac
done
case "$IMPORT_SILOS" in ''|[0-9]|10) ;; *) echo "--import-silos takes a number from 0 to 10, not '$IMPORT_SILOS'" >&2; exit 64 ;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
RUN="$DATA/run"; LOGS="$DATA/logs"
mkdir -p "$RUN" "$LOGS"

"$ROOT/deploy/local/infra.sh" up >/dev/null
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)
export FileStore__Root="${FileStore__Root:-$DATA/files}"
# A signing key for local bearer tokens, made once and kept in the data folder (gogobe token mints tokens with it).
[ -s "$DATA/auth.key" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$DATA/auth.key")
export Auth__SigningKey="${Auth__SigningKey:-$(cat "$DATA/auth.key")}"

echo "building (Release)..."
for project in src/Silo src/Gateway; do
  dotnet build "$ROOT/$project" -c Release -nologo -v quiet >"$LOGS/build.log" 2>&1 || { tail -n 30 "$LOGS/build.log"; exit 1; }
done
BIN_SILO="$ROOT/src/Silo/bin/Release/net10.0/Gogobe.Silo.dll"
BIN_GATEWAY="$ROOT/src/Gateway/bin/Release/net10.0/Gogobe.Gateway.dll"

# Servers take work as soon as they start: count calls for tier-1 compilation at once instead of after the runtime's
# 100 ms of quiet JIT, which a busy silo rarely has (ADR 0009).
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"

# start_silo, register, wait_ready, add (one more import silo)
# shellcheck source=silo.sh
source "$ROOT/deploy/local/silo.sh"

if [ -z "$IMPORT_SILOS" ]; then
  start_silo silo1 query,import $((8081 + BASE)) $((11111 + BASE)) $((30000 + BASE))
  start_silo silo2 query,import $((8082 + BASE)) $((11112 + BASE)) $((30001 + BASE))
else
  start_silo silo1 query $((8081 + BASE)) $((11111 + BASE)) $((30000 + BASE))
fi
if [ -f "$RUN/gateway.pid" ] && kill -0 "$(cat "$RUN/gateway.pid")" 2>/dev/null; then
  echo "gateway already running (pid $(cat "$RUN/gateway.pid"))"
else
  # The gateway promotes a method to tier 1 after 2 calls: idle, it does not compile for minutes what its timers call
  # now and then (ADR 0013).
  nohup env Urls="http://127.0.0.1:$((8080 + BASE))" DOTNET_TC_CallCountThreshold="${DOTNET_TC_CallCountThreshold:-2}" \
    dotnet "$BIN_GATEWAY" >"$LOGS/gateway.log" 2>&1 &
  echo $! >"$RUN/gateway.pid"
fi
register gateway $((8080 + BASE)) gogobe-gateway

wait_ready "http://127.0.0.1:$((8081 + BASE))" silo1
[ -n "$IMPORT_SILOS" ] || wait_ready "http://127.0.0.1:$((8082 + BASE))" silo2
wait_ready "http://127.0.0.1:$((8080 + BASE))" gateway
for _ in $(seq 1 "${IMPORT_SILOS:-0}"); do add; done

cat <<INFO
Gogobe is up.
  API            http://127.0.0.1:8080/api        (docs: http://127.0.0.1:8080/api-docs, OpenAPI: /openapi/v1.json)
  Dashboard      http://127.0.0.1:8081/dashboard  (silo 1; silo 2 serves it on :8082 too)
  Metrics        http://127.0.0.1:8080/metrics  http://127.0.0.1:8081/metrics  http://127.0.0.1:8082/metrics (import silos: :8091...)
  Prometheus     http://127.0.0.1:${GOGOBE_PROMETHEUS_PORT:-59090}   (scrapes every host; alert rules from deploy/monitoring)
  Health         http://127.0.0.1:8080/health/ready
  Logs           $LOGS
Add or remove an import silo: deploy/local/silo.sh add|remove|list
Stop with: deploy/local/down.sh
INFO
