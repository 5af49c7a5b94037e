#!/usr/bin/env bash
# What each end-to-end benchmark starts from: the hosts stopped, the servers up (deploy/local/infra.sh), the local
# 'gogobe' database recreated empty, then the system started (deploy/local/up.sh, given this script's arguments).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/deploy/local/down.sh" --keep-infra >/dev/null 2>&1 || true
"$ROOT/deploy/local/infra.sh" up >/dev/null
export PGPASSWORD="${GOGOBE_PG_PASSWORD:-gogobe}"
admin() { psql -h 127.0.0.1 -p "${GOGOBE_PG_PORT:-55432}" -U gogobe -d postgres -qc "$1"; }
# A background worker of PostgreSQL's own may still be in the database for a moment: try the drop a few times.
for attempt in 1 2 3 4 5; do
  admin "DROP DATABASE IF EXISTS gogobe WITH (FORCE)" && break
  [ "$attempt" -lt 5 ] && sleep 2
done
admin "CREATE DATABASE gogobe TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
"$ROOT/deploy/local/up.sh" "$@" >/dev/null
