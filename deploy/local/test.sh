#!/usr/bin/env bash
# Runs every test suite against real PostgreSQL, NATS and Redis (started here if they are not running).
# Ends with the line "N passed, N failed" over all suites. Extra arguments go to 'dotnet test' (e.g. --filter ...).
# GOGOBE_STOP_INFRA=1 stops the servers before that last line (CI does).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOGS="${GOGOBE_DATA:-$ROOT/.data}/logs"
mkdir -p "$LOGS"
cd "$ROOT"

if ! command -v docker-compose >/dev/null; then
  echo "installing docker-compose (validates deploy/docker-compose.yml without a Docker engine)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq docker-compose >/dev/null
fi
# The Kubernetes manifests are rendered by kubectl's kustomize and validated offline by deploy/k8s/validate (Node.js,
# with the Kubernetes and KEDA schemas from npm).
wanted=()
command -v kubectl >/dev/null || wanted+=(kubernetes-client)
command -v node >/dev/null || wanted+=(nodejs)
command -v npm >/dev/null || wanted+=(npm)
command -v chromium >/dev/null || wanted+=(chromium)  # the browser tests drive it through Playwright
if [ ${#wanted[@]} -gt 0 ]; then
  echo "installing ${wanted[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${wanted[@]}" >/dev/null
fi
if [ ! -d "$ROOT/deploy/k8s/validate/node_modules" ]; then
  (cd "$ROOT/deploy/k8s/validate" && npm ci --no-audit --no-fund >/dev/null) || echo "npm ci in deploy/k8s/validate failed"
fi
"$ROOT/deploy/local/infra.sh" up >/dev/null || { echo "infrastructure did not start"; echo "0 passed, 1 failed"; exit 1; }
while IFS= read -r line; do export "${line?}"; done < <("$ROOT/deploy/local/infra.sh" env)

echo "building (Release)..."
if ! dotnet build Gogobe.sln -c Release -nologo -v quiet >"$LOGS/test-build.log" 2>&1; then
  grep -E "error" "$LOGS/test-build.log" | sort -u | head -n 40
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Gogobe.sln -c Release --no-build -m:1 --nologo "$@" 2>&1 | tee "$LOGS/test.log"
status=${PIPESTATUS[0]}

read -r passed failed < <(awk '
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
  }
  END { print p + 0, f + 0 }' "$LOGS/test.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failed test: counting the run as one failure"
  failed=1
fi
[ "${GOGOBE_STOP_INFRA:-0}" = "1" ] && "$ROOT/deploy/local/infra.sh" down >/dev/null 2>&1
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
