#!/usr/bin/env bash
# Starts and stops the local PostgreSQL servers, Redis and RabbitMQ as plain processes (no systemd),
# with their data under $FIELDOPS_VAR (gitignored). `up` waits until each service really answers;
# `down` stops exactly the processes `up` started, found through their pid files.
# SeaweedFS serves the S3 API the S3 blob store is tested against (master, volume, filer and S3
# gateway in one `weed server` process, every port pinned below 32768; its Iceberg and Lance listeners,
# which would take fixed ports, are off).
# Two PostgreSQL servers run, so tenant placement across servers is exercised locally: `postgres`
# holds the control plane and test databases, `postgres-b` only tenant databases.
#
#   scripts/services.sh up|down|status [postgres|postgres-b|redis|rabbitmq|seaweedfs ...]
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=$FIELDOPS_VAR/postgres
PG_B_DIR=$FIELDOPS_VAR/postgres-b
REDIS_DIR=$FIELDOPS_VAR/redis
RABBIT_DIR=$FIELDOPS_VAR/rabbitmq
RABBIT_BIN=/usr/lib/rabbitmq/bin
SEAWEED_DIR=$FIELDOPS_VAR/seaweedfs
WEED=$FIELDOPS_VAR/tools/test-venv/bin/weed

log() { echo "services: $*"; }

wait_until() { # seconds description command...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "$what not ready after ${seconds}s"; return 1; fi
    sleep 0.2
  done
}

# --- PostgreSQL: runs as the postgres user (it refuses root) -------------------------------------
as_postgres() { runuser -u postgres -- "$@"; }

postgres_server_up() { # dir port — initialise once, start, wait until it answers
  local dir=$1 port=$2
  mkdir -p "$FIELDOPS_VAR"
  chmod 755 "$FIELDOPS_VAR"
  if [[ ! -s $dir/data/PG_VERSION ]]; then
    install -d -o postgres -g postgres -m 700 "$dir" "$dir/data"
    local pwfile=$dir/pwfile
    printf '%s\n' "$FIELDOPS_SERVICE_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    as_postgres "$PG_BIN/initdb" -D "$dir/data" -U "$FIELDOPS_SERVICE_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    rm -f "$pwfile"
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  if as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    log "postgres already running on $port"
  else
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/postgres.log" -w -t 30 start >/dev/null
  fi
  wait_until 30 postgres "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port"
}

postgres_server_down() { # dir
  local dir=$1
  [[ -s $dir/data/PG_VERSION ]] || return 0
  if as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    log "postgres stopped ($dir)"
  fi
}

postgres_up() {
  postgres_server_up "$PG_DIR" "$FIELDOPS_PG_PORT"
  for database in fieldops_control fieldops_test; do
    as_postgres psql -h "$PG_DIR" -p "$FIELDOPS_PG_PORT" -U "$FIELDOPS_SERVICE_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 ||
      as_postgres "$PG_BIN/createdb" -h "$PG_DIR" -p "$FIELDOPS_PG_PORT" -U "$FIELDOPS_SERVICE_USER" "$database"
  done
  log "postgres ready on 127.0.0.1:$FIELDOPS_PG_PORT"
}

postgres_down() { postgres_server_down "$PG_DIR"; }

postgres_status() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$FIELDOPS_PG_PORT" -q; }

# A second server for tenant databases only: provisioning places tenants on either.
postgres-b_up() {
  postgres_server_up "$PG_B_DIR" "$FIELDOPS_PG_B_PORT"
  log "postgres-b ready on 127.0.0.1:$FIELDOPS_PG_B_PORT"
}

postgres-b_down() { postgres_server_down "$PG_B_DIR"; }

postgres-b_status() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$FIELDOPS_PG_B_PORT" -q; }

# --- Redis ----------------------------------------------------------------------------------------
redis_up() {
  mkdir -p "$REDIS_DIR"
  if redis_status; then
    log "redis already running on $FIELDOPS_REDIS_PORT"
  else
    redis-server --port "$FIELDOPS_REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$REDIS_DIR" \
      --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --save "" --appendonly no
  fi
  wait_until 10 redis redis_status
  log "redis ready on 127.0.0.1:$FIELDOPS_REDIS_PORT"
}

redis_down() {
  [[ -s $REDIS_DIR/redis.pid ]] || return 0
  local pid
  pid=$(cat "$REDIS_DIR/redis.pid")
  if kill -0 "$pid" 2>/dev/null; then
    redis-cli -p "$FIELDOPS_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid"
    wait_until 10 "redis stop" bash -c "! kill -0 $pid"
    log "redis stopped"
  fi
  rm -f "$REDIS_DIR/redis.pid"
}

redis_status() { [[ $(redis-cli -p "$FIELDOPS_REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

# --- RabbitMQ: runs as the rabbitmq user with a cookie and config of its own ---------------------
rabbit() { # script args... — any rabbitmq CLI with this node's environment
  local script=$1; shift
  runuser -u rabbitmq -- env HOME="$RABBIT_DIR" \
    RABBITMQ_NODENAME="$FIELDOPS_RABBITMQ_NODE" RABBITMQ_NODE_PORT="$FIELDOPS_AMQP_PORT" \
    RABBITMQ_DIST_PORT="$FIELDOPS_AMQP_DIST_PORT" RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBIT_DIR/log" RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" RABBITMQ_PID_FILE="$RABBIT_DIR/rabbitmq.pid" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config" \
    "$RABBIT_BIN/$script" "$@"
}

rabbitmq_up() {
  install -d -o rabbitmq -g rabbitmq "$RABBIT_DIR" "$RABBIT_DIR/mnesia" "$RABBIT_DIR/log"
  cat >"$RABBIT_DIR/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$FIELDOPS_AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $FIELDOPS_AMQP_MANAGEMENT_PORT
mqtt.listeners.tcp.default = 127.0.0.1:$FIELDOPS_MQTT_PORT
loopback_users = none
log.file.level = warning
# The mesh topology (exchanges, quorum queues, retry and parking paths) is imported at every boot.
load_definitions = $FIELDOPS_ROOT/topology/definitions.json
# Reports and photo batches can run for minutes: a consumer holding a delivery longer than this is cut.
consumer_timeout = 3600000
CONF
  echo "[]." >"$RABBIT_DIR/advanced.config"
  chown rabbitmq:rabbitmq "$RABBIT_DIR/rabbitmq.conf" "$RABBIT_DIR/advanced.config"
  if rabbitmq_status; then
    log "rabbitmq already running on $FIELDOPS_AMQP_PORT"
  else
    rabbit rabbitmq-plugins --offline enable rabbitmq_management rabbitmq_mqtt rabbitmq_consistent_hash_exchange >/dev/null
    rabbit rabbitmq-server -detached
    # await_startup exits at once (69) until the node exists, so poll it.
    wait_until 90 rabbitmq rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" await_startup --timeout 5
  fi
  if ! rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q list_users | grep -q "^$FIELDOPS_SERVICE_USER\b"; then
    rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q add_user "$FIELDOPS_SERVICE_USER" "$FIELDOPS_SERVICE_PASSWORD"
    rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q set_user_tags "$FIELDOPS_SERVICE_USER" administrator
    rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q set_permissions -p / "$FIELDOPS_SERVICE_USER" '.*' '.*' '.*'
  fi
  log "rabbitmq ready on 127.0.0.1:$FIELDOPS_AMQP_PORT (management :$FIELDOPS_AMQP_MANAGEMENT_PORT, mqtt :$FIELDOPS_MQTT_PORT)"
}

rabbitmq_down() {
  [[ -d $RABBIT_DIR/mnesia ]] || return 0
  if rabbitmq_status; then
    rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q stop >/dev/null
    log "rabbitmq stopped"
  fi
  # epmd outlives the node; stop it only when no other node is registered with it.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
    epmd -kill >/dev/null 2>&1 || true
  fi
}

rabbitmq_status() { rabbit rabbitmqctl -n "$FIELDOPS_RABBITMQ_NODE" -q ping >/dev/null 2>&1; }

# --- SeaweedFS: an S3-compatible store that checks SigV4 signatures ------------------------------
seaweedfs_up() {
  [[ -x $WEED ]] || { log "seaweedfs: $WEED missing (run scripts/install.sh)"; return 1; }
  mkdir -p "$SEAWEED_DIR/data"
  cat >"$SEAWEED_DIR/s3.json" <<JSON
{"identities": [{"name": "fieldops", "actions": ["Admin", "Read", "Write", "List", "Tagging"],
  "credentials": [{"accessKey": "$FIELDOPS_S3_ACCESS_KEY_ID", "secretKey": "$FIELDOPS_S3_SECRET_ACCESS_KEY"}]}]}
JSON
  if seaweedfs_status; then
    log "seaweedfs already running on $FIELDOPS_S3_PORT"
  else
    local base=$FIELDOPS_SEAWEED_BASE_PORT
    nohup "$WEED" server -dir="$SEAWEED_DIR/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
      -master.port="$base" -master.port.grpc=$((base + 1)) -master.volumeSizeLimitMB=256 -master.telemetry=false \
      -volume.port=$((base + 2)) -volume.port.grpc=$((base + 3)) -volume.max=16 \
      -filer -filer.port=$((base + 4)) -filer.port.grpc=$((base + 5)) -filer.localSocket="$SEAWEED_DIR/filer.sock" \
      -s3 -s3.port="$FIELDOPS_S3_PORT" -s3.port.grpc=$((base + 6)) -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$SEAWEED_DIR/s3.json" \
      -s3.localSocket="$SEAWEED_DIR/s3.sock" -iam=false \
      >"$SEAWEED_DIR/weed.log" 2>&1 &
    echo $! >"$SEAWEED_DIR/weed.pid"
  fi
  # Ready when a signed request for the bucket succeeds; creating it is idempotent.
  wait_until 60 seaweedfs seaweedfs_bucket
  log "seaweedfs ready: S3 on 127.0.0.1:$FIELDOPS_S3_PORT, bucket $FIELDOPS_S3_BUCKET"
}

seaweedfs_bucket() {
  curl -fsS -o /dev/null --aws-sigv4 "aws:amz:$FIELDOPS_S3_REGION:s3" \
    --user "$FIELDOPS_S3_ACCESS_KEY_ID:$FIELDOPS_S3_SECRET_ACCESS_KEY" -X PUT "$FIELDOPS_S3_ENDPOINT/$FIELDOPS_S3_BUCKET" ||
    curl -fsS -o /dev/null --aws-sigv4 "aws:amz:$FIELDOPS_S3_REGION:s3" \
      --user "$FIELDOPS_S3_ACCESS_KEY_ID:$FIELDOPS_S3_SECRET_ACCESS_KEY" -I "$FIELDOPS_S3_ENDPOINT/$FIELDOPS_S3_BUCKET"
}

seaweedfs_down() {
  [[ -s $SEAWEED_DIR/weed.pid ]] || return 0
  local pid
  pid=$(cat "$SEAWEED_DIR/weed.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    # weed can take longer than that to flush its filer store; its data is on disk, so it is killed.
    wait_until 20 "seaweedfs stop" bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
    log "seaweedfs stopped"
  fi
  rm -f "$SEAWEED_DIR/weed.pid"
}

seaweedfs_status() { [[ -s $SEAWEED_DIR/weed.pid ]] && kill -0 "$(cat "$SEAWEED_DIR/weed.pid")" 2>/dev/null; }

# --------------------------------------------------------------------------------------------------
action=${1:-status}
shift || true
selected=("$@")
((${#selected[@]})) || selected=(postgres postgres-b redis rabbitmq seaweedfs)

case $action in
  up) for s in "${selected[@]}"; do "${s}_up"; done ;;
  down) for ((i = ${#selected[@]} - 1; i >= 0; i--)); do "${selected[i]}_down"; done ;;
  restart) for s in "${selected[@]}"; do "${s}_down"; "${s}_up"; done ;;
  status)
    rc=0
    for s in "${selected[@]}"; do
      if "${s}_status"; then log "$s up"; else log "$s down"; rc=1; fi
    done
    exit $rc
    ;;
  *) echo "usage: $0 up|down|restart|status [postgres|postgres-b|redis|rabbitmq|seaweedfs ...]" >&2; exit 2 ;;
esac
