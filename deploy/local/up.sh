#!/usr/bin/env bash
# Starts the whole system on this machine: PostgreSQL, NATS and Redis (infra.sh), two silos and the gateway.
# Logs: .data/logs/*.log   Stop with deploy/local/down.sh
set -euo pipefail
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

start() {
  local name=$1; shift
  if [ -f "$RUN/$name.pid" ] && kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$RUN/$name.pid"))"; return
  fi
  nohup env "$@" >"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

# Silos do not use Redis: only the gateway gets its setting.
start silo1 -u Redis__Configuration Urls=http://127.0.0.1:8081 Silo__SiloPort=11111 Silo__GatewayPort=30000 dotnet "$BIN_SILO"
start silo2 -u Redis__Configuration Urls=http://127.0.0.1:8082 Silo__SiloPort=11112 Silo__GatewayPort=30001 dotnet "$BIN_SILO"
start gateway Urls=http://127.0.0.1:8080 dotnet "$BIN_GATEWAY"

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null; then echo "$name exited:"; tail -n 20 "$LOGS/$name.log"; return 1; fi
    sleep 1
  done
  echo "$name not ready after 180 s; see $LOGS/$name.log"; return 1
}
wait_ready http://127.0.0.1:8081 silo1
wait_ready http://127.0.0.1:8082 silo2
wait_ready http://127.0.0.1:8080 gateway

cat <<INFO
Gogobe is up.
  API            http://127.0.0.1:8080/api        (docs: http://127.0.0.1:8080/api-docs, OpenAPI: /openapi/v1.json)
  Dashboard      http://127.0.0.1:8081/dashboard  (silo 1; silo 2 serves it on :8082 too)
  Metrics        http://127.0.0.1:8080/metrics  http://127.0.0.1:8081/metrics  http://127.0.0.1:8082/metrics
  Health         http://127.0.0.1:8080/health/ready
  Logs           $LOGS
Stop with: deploy/local/down.sh
INFO
