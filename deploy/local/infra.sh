#!/usr/bin/env bash
# Starts, stops and reports PostgreSQL 15, NATS (JetStream), Redis, Prometheus and an SMTP server (smtp4dev, for the
# email of price alerts) as plain processes on loopback. Data lives in $GOGOBE_DATA (default: <repo>/.data). Installs
# the Debian packages when missing, and smtp4dev as a .NET tool under $GOGOBE_DATA/tools.
#   deploy/local/infra.sh up|down|status|env
#   deploy/local/infra.sh stop|start|restart postgres|nats|redis|prometheus|smtp   (one server; the failure tests use it)
# Ports: GOGOBE_PG_PORT (55432), GOGOBE_NATS_PORT (54222), GOGOBE_NATS_MONITOR_PORT (58222), GOGOBE_REDIS_PORT (56379),
# GOGOBE_PROMETHEUS_PORT (the NATS port + 4868: 59090). Prometheus scrapes the hosts listed in
# $GOGOBE_DATA/prometheus/targets/*.json (up.sh and silo.sh write one per host) and evaluates deploy/monitoring/alerts.yml.
# GOGOBE_SMTP_PORT (the NATS port + 5869: 60091) and GOGOBE_SMTP_WEB_PORT (+ 6869: 61091, smtp4dev's web page and API).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${GOGOBE_DATA:-$ROOT/.data}"
PG_PORT="${GOGOBE_PG_PORT:-55432}"
NATS_PORT="${GOGOBE_NATS_PORT:-54222}"
NATS_MONITOR_PORT="${GOGOBE_NATS_MONITOR_PORT:-58222}"
REDIS_PORT="${GOGOBE_REDIS_PORT:-56379}"
PROMETHEUS_PORT="${GOGOBE_PROMETHEUS_PORT:-$((NATS_PORT + 4868))}"
SMTP_PORT="${GOGOBE_SMTP_PORT:-$((NATS_PORT + 5869))}"
SMTP_WEB_PORT="${GOGOBE_SMTP_WEB_PORT:-$((NATS_PORT + 6869))}"
SMTP4DEV_VERSION=3.15.0
PG_USER=gogobe
PG_PASSWORD="${GOGOBE_PG_PASSWORD:-gogobe}"
PG_DB=gogobe
# Durable commits (an import is acknowledged only once its rows are on disk), with room for bulk loads: large
# enough WAL that imports do not force checkpoints, compressed full-page images, and 1 GB of shared buffers.
PG_SETTINGS="-c max_connections=300 -c shared_buffers=1GB -c wal_buffers=64MB -c synchronous_commit=on \
-c max_wal_size=8GB -c min_wal_size=1GB -c checkpoint_timeout=15min -c wal_compression=lz4 \
-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "infra: $*" >&2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && echo "$dir"
}

install_missing() {
  local wanted=()
  [ -n "$(pg_bin)" ] || wanted+=(postgresql)
  command -v nats-server >/dev/null || wanted+=(nats-server)
  command -v redis-server >/dev/null || wanted+=(redis-server)
  if [ ${#wanted[@]} -gt 0 ]; then
    log "installing ${wanted[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
  if ! command -v prometheus >/dev/null; then
    log "installing prometheus"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
}

# PostgreSQL refuses to run as root: it runs as the 'postgres' user, which must be able to reach its data folder.
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_dir() {
  local dir="$DATA/pg"
  mkdir -p "$DATA"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$DATA" 2>/dev/null; then
    # The repository sits where the postgres user cannot enter (e.g. a private home): keep PostgreSQL's files apart.
    dir="/var/tmp/gogobe-pg-$(echo "$DATA" | md5sum | cut -c1-8)"
  fi
  echo "$dir"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 100); do port_open "$port" && return 0; sleep 0.2; done
  log "$name did not open port $port"; return 1
}

pg_up() {
  local bin dir
  bin=$(pg_bin); dir=$(pg_dir)
  mkdir -p "$DATA"
  if [ "$(id -u)" -eq 0 ]; then mkdir -p "$dir"; chown postgres:postgres "$dir"; chmod 700 "$dir"; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initialising PostgreSQL in $dir"
    # Text compares byte by byte ("C"), which is also the code-point order C.UTF-8 sorts in; character classes stay
    # C.UTF-8. Key lookups and index inserts then skip the C library's collation (ADR 0010).
    pg_run "$bin/initdb" -D "$dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --lc-collate=C >/dev/null
  fi
  if pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "PostgreSQL already running"
  else
    pg_reserve_huge_pages "$bin" "$dir"
    pg_run "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir $PG_SETTINGS" start >/dev/null
  fi
  local psql=("$bin/psql" -h "$dir" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(pg_run "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
    pg_run "${psql[@]}" -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  fi
  # DROP DATABASE ... WITH (FORCE) ends the database's other sessions; an autovacuum worker is one of them and may only
  # be ended by a member of pg_signal_backend (the tests drop their databases, the benchmark recreates its own).
  if [ "$(pg_run "${psql[@]}" -c "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = 'pg_signal_backend' AND u.rolname = '$PG_USER'")" != "1" ]; then
    pg_run "${psql[@]}" -c "GRANT pg_signal_backend TO $PG_USER"
  fi
  if [ "$(pg_run "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
    pg_run "${psql[@]}" -c "CREATE DATABASE $PG_DB OWNER $PG_USER TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
  fi
}

pg_down() {
  local bin dir; bin=$(pg_bin); dir=$(pg_dir)
  [ -f "$dir/PG_VERSION" ] && pg_run "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
}

# PostgreSQL's shared memory (buffers and WAL buffers, about 1.1 GB) on 2 MB pages instead of 4 kB ones. Every backend
# maps that memory anew and takes a page fault for each 4 kB page it touches; on a virtual machine faults and TLB
# flushes are dear. On huge pages a first import costs PostgreSQL about half the CPU (ADR 0010). The kernel keeps huge
# pages in a reserve of its own: this raises it by what PostgreSQL needs (root only) and gives back what it added when
# PostgreSQL is stopped for good (down, stop; a restart keeps them). Without the reserve PostgreSQL runs on ordinary pages (huge_pages=try).
HUGE_PAGES_FILE="$DATA/pg-huge-pages.added"
huge_pages() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

pg_reserve_huge_pages() {
  local bin=$1 dir=$2 need total free target added
  # shellcheck disable=SC2086
  need=$(pg_run "$bin/postgres" -D "$dir" -C shared_memory_size_in_huge_pages $PG_SETTINGS 2>/dev/null | tail -n 1)
  total=$(huge_pages HugePages_Total); free=$(huge_pages HugePages_Free)
  case "$need" in ''|*[!0-9]*) return 0 ;; esac
  [ -n "$total" ] || return 0
  if [ "$free" -ge "$need" ]; then return 0; fi
  target=$((total + need - free))
  if [ "$(id -u)" -ne 0 ] || ! echo "$target" >/proc/sys/vm/nr_hugepages 2>/dev/null; then
    log "PostgreSQL runs on 4 kB pages: as root, 'sysctl vm.nr_hugepages=$target' reserves the $need huge pages it can use"
    return 0
  fi
  added=$(( $(huge_pages HugePages_Total) - total ))
  echo $(( $(cat "$HUGE_PAGES_FILE" 2>/dev/null || echo 0) + added )) >"$HUGE_PAGES_FILE"
  [ "$(huge_pages HugePages_Free)" -ge "$need" ] || log "the kernel reserved $added of the $need huge pages PostgreSQL needs: it runs on 4 kB pages"
}

pg_release_huge_pages() {
  local added total
  added=$(cat "$HUGE_PAGES_FILE" 2>/dev/null || true)
  [ -n "$added" ] && [ "$(id -u)" -eq 0 ] || return 0
  total=$(huge_pages HugePages_Total)
  echo $(( total > added ? total - added : 0 )) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
  rm -f "$HUGE_PAGES_FILE"
}

nats_up() {
  mkdir -p "$DATA/nats"
  if port_open "$NATS_PORT"; then log "NATS already running"; return; fi
  # Its own session: a test that restarts NATS must not take it down when the test host's process tree ends.
  setsid nohup nats-server -js -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" -sd "$DATA/nats" \
    -P "$DATA/nats/nats.pid" -l "$DATA/nats/nats.log" >/dev/null 2>&1 &
  wait_port "$NATS_PORT" NATS
}

nats_down() {
  [ -f "$DATA/nats/nats.pid" ] && kill "$(cat "$DATA/nats/nats.pid")" 2>/dev/null || true
  for _ in $(seq 1 50); do port_open "$NATS_PORT" || break; sleep 0.1; done
}

redis_up() {
  mkdir -p "$DATA/redis"
  if port_open "$REDIS_PORT"; then log "Redis already running"; return; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --daemonize yes \
    --pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log" --save "" --appendonly no \
    --maxmemory 1gb --maxmemory-policy allkeys-lru >/dev/null
  wait_port "$REDIS_PORT" Redis
}

redis_down() {
  [ -f "$DATA/redis/redis.pid" ] && kill "$(cat "$DATA/redis/redis.pid")" 2>/dev/null || true
  for _ in $(seq 1 50); do port_open "$REDIS_PORT" || break; sleep 0.1; done
}

prometheus_up() {
  local dir="$DATA/prometheus"
  mkdir -p "$dir/targets" "$dir/data"
  if port_open "$PROMETHEUS_PORT"; then log "Prometheus already running (or port $PROMETHEUS_PORT taken)"; return; fi
  cat >"$dir/prometheus.yml" <<CONF
# Written by deploy/local/infra.sh: every Gogobe host that up.sh or silo.sh started, from targets/*.json.
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $ROOT/deploy/monitoring/alerts.yml
scrape_configs:
  - job_name: gogobe
    file_sd_configs:
      - files: ["$dir/targets/*.json"]
        refresh_interval: 5s
CONF
  setsid nohup prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$dir/prometheus.log" 2>&1 &
  echo $! >"$dir/prometheus.pid"
  wait_port "$PROMETHEUS_PORT" Prometheus || log "Prometheus did not start (see $dir/prometheus.log); the rest runs without it"
}

# smtp4dev: a real SMTP server that keeps what it receives in memory and shows it through an HTTP API (/api/messages).
smtp_up() {
  local dir="$DATA/smtp4dev"
  mkdir -p "$dir"
  if port_open "$SMTP_PORT"; then log "SMTP server already running"; return; fi
  if [ ! -x "$DATA/tools/smtp4dev" ]; then
    log "installing smtp4dev $SMTP4DEV_VERSION (.NET tool)"
    dotnet tool install --tool-path "$DATA/tools" Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" >"$dir/install.log" 2>&1 \
      || { log "smtp4dev did not install (see $dir/install.log)"; return 1; }
  fi
  setsid nohup "$DATA/tools/smtp4dev" --smtpport="$SMTP_PORT" --urls="http://127.0.0.1:$SMTP_WEB_PORT" --bindaddress=127.0.0.1 \
    --imapport= --pop3port= --db= --nousersettings --baseappdatapath="$dir" >"$dir/smtp4dev.log" 2>&1 &
  echo $! >"$dir/smtp4dev.pid"
  wait_port "$SMTP_PORT" smtp4dev && wait_port "$SMTP_WEB_PORT" "smtp4dev web"
}

smtp_down() {
  [ -f "$DATA/smtp4dev/smtp4dev.pid" ] && kill "$(cat "$DATA/smtp4dev/smtp4dev.pid")" 2>/dev/null || true
  for _ in $(seq 1 50); do port_open "$SMTP_PORT" || break; sleep 0.1; done
  rm -f "$DATA/smtp4dev/smtp4dev.pid"
}

prometheus_down() {
  [ -f "$DATA/prometheus/prometheus.pid" ] && kill "$(cat "$DATA/prometheus/prometheus.pid")" 2>/dev/null || true
  for _ in $(seq 1 50); do port_open "$PROMETHEUS_PORT" || break; sleep 0.1; done
  rm -f "$DATA/prometheus/prometheus.pid"
}

print_env() {
  cat <<ENV
Postgres__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD
Nats__Url=nats://127.0.0.1:$NATS_PORT
Redis__Configuration=127.0.0.1:$REDIS_PORT
Alerts__SmtpHost=127.0.0.1
Alerts__SmtpPort=$SMTP_PORT
GOGOBE_SMTP_API=http://127.0.0.1:$SMTP_WEB_PORT
ENV
}

status() {
  local rc=0
  for s in "PostgreSQL:$PG_PORT" "NATS:$NATS_PORT" "Redis:$REDIS_PORT" "Prometheus:$PROMETHEUS_PORT" "SMTP:$SMTP_PORT"; do
    if port_open "${s#*:}"; then echo "${s%%:*} up on 127.0.0.1:${s#*:}"; else echo "${s%%:*} down (port ${s#*:})"; rc=1; fi
  done
  return $rc
}

case "${1:-}" in
  up) install_missing; pg_up; nats_up; redis_up; prometheus_up; smtp_up; log "ready; connection settings:"; print_env ;;
  down) smtp_down; prometheus_down; redis_down; nats_down; pg_down; pg_release_huge_pages; log "stopped" ;;
  status) status ;;
  env) print_env ;;
  stop|start|restart)
    case "${2:-}" in postgres) svc=pg ;; nats) svc=nats ;; redis) svc=redis ;; prometheus) svc=prometheus ;; smtp) svc=smtp ;; *) echo "usage: $0 $1 postgres|nats|redis|prometheus|smtp" >&2; exit 64 ;; esac
    [ "$1" = "start" ] || "${svc}_down"
    [ "$1:$svc" != "stop:pg" ] || pg_release_huge_pages
    [ "$1" = "stop" ] || "${svc}_up" ;;
  *) echo "usage: $0 up|down|status|env|stop|start|restart [server]" >&2; exit 64 ;;
esac
