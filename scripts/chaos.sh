#!/usr/bin/env bash
# The chaos experiment (`make chaos`): a complete platform of its own (services and processes, own
# ports and data folder), a steady load of confirmed job submissions and GPS positions, and in
# sequence: kill -9 of a random loaded worker (then its restart), a broker restart, PostgreSQL paused
# (SIGSTOP/SIGCONT), Redis full (maxmemory lowered until writes are refused). Then every operation is
# checked against what was stored (scripts/chaos/check.py) and the report is printed; the exit status
# is 1 when anything was lost, duplicated or unexpected. Everything it started is stopped at the end.
#
#   scripts/chaos.sh            CHAOS_PORT_BASE (31000: ports base+80 … base+883, all below 32768),
#                               CHAOS_VAR (.local/chaos), CHAOS_SEED (which worker dies),
#                               CHAOS_SETTLE_SECONDS (20), CHAOS_JOBS_PER_SECOND (5),
#                               CHAOS_POSITIONS_PER_SECOND (10)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Never the shared services: every FIELDOPS_ variable inherited from the caller's shell is dropped,
# then this instance's folder and ports are set before env.sh derives the URLs from them.
unset "${!FIELDOPS_@}"
export FIELDOPS_VAR=${CHAOS_VAR:-$ROOT/.local/chaos}
base=${CHAOS_PORT_BASE:-31000}
export FIELDOPS_PG_PORT=$((base + 432)) FIELDOPS_PG_B_PORT=$((base + 433)) FIELDOPS_REDIS_PORT=$((base + 379))
export FIELDOPS_AMQP_PORT=$((base + 672)) FIELDOPS_AMQP_DIST_PORT=$((base + 673)) FIELDOPS_AMQP_MANAGEMENT_PORT=$((base + 680))
export FIELDOPS_MQTT_PORT=$((base + 883)) FIELDOPS_S3_PORT=$((base + 333)) FIELDOPS_SEAWEED_BASE_PORT=$((base + 340))
export FIELDOPS_GATEWAY_PORT=$((base + 80)) FIELDOPS_OSMAND_PORT=$((base + 55))
export FIELDOPS_PHOTO_WORKER_ADMIN_PORT=$((base + 91)) FIELDOPS_GPS_WORKER_ADMIN_PORT=$((base + 92))
export FIELDOPS_NOTIFY_WORKER_ADMIN_PORT=$((base + 93)) FIELDOPS_REPORTS_WORKER_ADMIN_PORT=$((base + 94))
export FIELDOPS_SCHEDULER_WORKER_ADMIN_PORT=$((base + 95))
export FIELDOPS_RABBITMQ_NODE=fieldops-chaos@localhost
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
cd "$ROOT"

SERVICES=(postgres postgres-b redis rabbitmq)
# Workers the load keeps busy: killing one of these tests redelivery; the others would be idle.
LOADED_WORKERS=(gps-worker scheduler-worker)
COMPONENTS=(
  "gateway=http://127.0.0.1:$FIELDOPS_GATEWAY_PORT/readyz"
  "gps-worker=http://127.0.0.1:$FIELDOPS_GPS_WORKER_ADMIN_PORT/readyz"
  "scheduler-worker=http://127.0.0.1:$FIELDOPS_SCHEDULER_WORKER_ADMIN_PORT/readyz"
  "photo-worker=http://127.0.0.1:$FIELDOPS_PHOTO_WORKER_ADMIN_PORT/readyz"
  "notify-worker=http://127.0.0.1:$FIELDOPS_NOTIFY_WORKER_ADMIN_PORT/readyz"
  "reports-worker=http://127.0.0.1:$FIELDOPS_REPORTS_WORKER_ADMIN_PORT/readyz"
)
WORK_QUEUES=(fieldops.scheduler fieldops.gps.shard.0 fieldops.gps.shard.1 fieldops.gps.shard.2 fieldops.gps.shard.3)
SETTLE=${CHAOS_SETTLE_SECONDS:-20}
RANDOM=${CHAOS_SEED:-$$}

run_id=$(date -u +%Y%m%dt%H%M%S)
tenant=chaos-$run_id
device_prefix=chaos-$run_id-d
RUN_DIR=$FIELDOPS_VAR/chaos-runs/$run_id
STOP_FILE=$RUN_DIR/stop
PG_DATA_DIRS=("$FIELDOPS_VAR/postgres/data" "$FIELDOPS_VAR/postgres-b/data")
background_pids=()
paused_pids=()
redis_maxmemory=""
redis_fill_keys=0

log() { echo "chaos: $(date -u +%H:%M:%S) $*"; }
now() { date +%s.%N; }

# --- cleanup: whatever happened, nothing this script started or changed is left behind ----------
cleanup() {
  local status=$?
  set +e # every step below runs, whichever fails
  touch "$STOP_FILE" 2>/dev/null
  ((${#paused_pids[@]})) && kill -CONT "${paused_pids[@]}" 2>/dev/null
  [[ -n $redis_maxmemory ]] && redis_restore
  for pid in "${background_pids[@]}"; do wait "$pid" 2>/dev/null; done
  log "stopping the platform and its services"
  scripts/run.sh stop >/dev/null
  scripts/services.sh down "${SERVICES[@]}" >/dev/null
  exit "$status"
}
trap cleanup EXIT

# --- readiness ------------------------------------------------------------------------------------
all_ready() {
  local entry
  for entry in "${COMPONENTS[@]}"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "${entry#*=}") == 200 ]] || return 1
  done
}

wait_ready() { # seconds
  local deadline=$((SECONDS + $1))
  until all_ready; do
    ((SECONDS < deadline)) || { log "not every component is ready after $1 s"; return 1; }
    sleep 0.25
  done
}

# fault name, start, end of the injection; waits for readiness, records the fault, lets it settle.
record_fault() {
  local name=$1 start=$2 injected_until=$3
  wait_ready 120
  local ready_at
  ready_at=$(now)
  printf '{"fault":"%s","start":%s,"injected_until":%s,"ready_at":%s}\n' "$name" "$start" "$injected_until" "$ready_at" >>"$RUN_DIR/faults.jsonl"
  log "$name: every component ready $(awk -v a="$start" -v b="$ready_at" 'BEGIN {printf "%.1f", b - a}') s after the start"
  sleep "$SETTLE"
}

# --- the faults -----------------------------------------------------------------------------------
kill_random_worker() {
  local worker=${LOADED_WORKERS[RANDOM % ${#LOADED_WORKERS[@]}]} start
  start=$(now)
  log "kill -9 $worker"
  kill -KILL "$(cat "$FIELDOPS_VAR/run/$worker.pid")"
  sleep 3
  scripts/run.sh start "$worker" >/dev/null
  record_fault "kill -9 $worker, restarted 3 s later" "$start" "$(now)"
}

restart_broker() {
  local start
  start=$(now)
  log "restarting the broker"
  scripts/services.sh restart rabbitmq >/dev/null
  record_fault "broker restart" "$start" "$(now)"
}

pause_postgres() {
  local start dir postmaster
  start=$(now)
  paused_pids=()
  for dir in "${PG_DATA_DIRS[@]}"; do
    postmaster=$(head -n 1 "$dir/postmaster.pid")
    # The postmaster first, so it cannot start a child that would escape the pause.
    paused_pids+=("$postmaster")
    kill -STOP "$postmaster"
    mapfile -t -O "${#paused_pids[@]}" paused_pids < <(pgrep -P "$postmaster")
  done
  kill -STOP "${paused_pids[@]}"
  log "PostgreSQL paused (${#paused_pids[@]} processes, both servers)"
  sleep 5
  kill -CONT "${paused_pids[@]}"
  paused_pids=()
  record_fault "PostgreSQL paused 5 s (SIGSTOP)" "$start" "$(now)"
}

redis() { redis-cli -p "$FIELDOPS_REDIS_PORT" "$@"; }

redis_restore() {
  redis --scan --pattern 'chaos:fill:*' | xargs -r -n 500 redis-cli -p "$FIELDOPS_REDIS_PORT" DEL >/dev/null
  redis CONFIG SET maxmemory "$redis_maxmemory" >/dev/null
  redis_maxmemory=""
}

# Writes values of falling sizes until even a small write is refused: a large write alone is refused
# for its own size (its query buffer) while small ones still fit.
fill_redis_to_the_brim() {
  local size
  for size in 65536 4096 256; do
    head -c "$size" /dev/zero | tr '\0' x >"$RUN_DIR/filler"
    until [[ $(redis -x SET "chaos:fill:$redis_fill_keys" <"$RUN_DIR/filler" 2>&1) == *OOM* ]]; do
      redis_fill_keys=$((redis_fill_keys + 1))
      ((redis_fill_keys < 100000)) || { log "Redis still takes writes after 100000 keys"; return 1; }
    done
  done
}

fill_redis() {
  local start used
  start=$(now)
  redis_maxmemory=$(redis CONFIG GET maxmemory | tail -n 1)
  [[ $(redis CONFIG GET maxmemory-policy | tail -n 1) == noeviction ]] || { log "redis must refuse writes (noeviction)"; return 1; }
  used=$(redis INFO memory | awk -F: '/^used_memory:/ {print $2+0}')
  redis CONFIG SET maxmemory $((used + 4 * 1024 * 1024)) >/dev/null
  fill_redis_to_the_brim
  # At the brim, a write is refused only while it would take memory past the limit: overwriting a
  # key in place, or writing just after a key expired, still works. With the limit below the memory
  # in use, Redis refuses every write that needs memory, as when its data has outgrown the limit.
  used=$(redis INFO memory | awk -F: '/^used_memory:/ {print $2+0}')
  redis CONFIG SET maxmemory $((used - 1024 * 1024)) >/dev/null
  [[ $(redis SET chaos:fill:probe x 2>&1) == *OOM* ]] || { log "Redis still takes small writes"; return 1; }
  log "Redis full ($redis_fill_keys keys written), refusing writes; holding it for 10 s"
  sleep 10
  redis_restore
  record_fault "Redis full 10 s (maxmemory, noeviction)" "$start" "$(now)"
}

# --- the experiment -------------------------------------------------------------------------------
mkdir -p "$RUN_DIR"
log "building (release)"
scripts/release.sh 2>&1 | grep -E "error|warning: unre" || true
BIN_DIR=$(swift build -c release --show-bin-path)
log "starting services and the platform under $FIELDOPS_VAR (ports from $base)"
scripts/services.sh up "${SERVICES[@]}" >/dev/null
scripts/run.sh start >"$RUN_DIR/start.log"
wait_ready 120

"$BIN_DIR/fieldopsctl" tenant create "$tenant" --name "Chaos $run_id" --sector btp --admin-email "chaos@$tenant.example" >"$RUN_DIR/tenant.log"
device_arguments=()
for n in 1 2 3 4; do
  device_arguments+=(--device "$device_prefix$n=$("$BIN_DIR/fieldopsctl" device register "$tenant" "$device_prefix$n" | sed -n 1p)")
done
user_token=$("$BIN_DIR/fieldopsctl" token issue --subject "$(cat /proc/sys/kernel/random/uuid)" --role manager --tenant "$tenant" --ttl-seconds 900)

probe_arguments=()
for entry in "${COMPONENTS[@]}"; do probe_arguments+=(--component "$entry"); done
for queue in "${WORK_QUEUES[@]}"; do probe_arguments+=(--queue "$queue"); done
python3 scripts/chaos/probe.py "${probe_arguments[@]}" --management-url "$FIELDOPS_AMQP_MANAGEMENT_URL" \
  --out "$RUN_DIR/probe.jsonl" --stop-file "$STOP_FILE" &
background_pids+=($!)
python3 scripts/chaos/load.py --gateway "http://127.0.0.1:$FIELDOPS_GATEWAY_PORT" --user-token "$user_token" \
  "${device_arguments[@]}" --day "$(date -u -d tomorrow +%Y-%m-%d)" --ledger "$RUN_DIR/ledger.jsonl" --stop-file "$STOP_FILE" \
  --jobs-per-second "${CHAOS_JOBS_PER_SECOND:-5}" --positions-per-second "${CHAOS_POSITIONS_PER_SECOND:-10}" &
background_pids+=($!)
log "load running (run $run_id, tenant $tenant); baseline for $SETTLE s"
sleep "$SETTLE"

kill_random_worker
restart_broker
pause_postgres
fill_redis

log "stopping the load; waiting for accepted work to take effect"
touch "$STOP_FILE"
for pid in "${background_pids[@]}"; do wait "$pid"; done
background_pids=()
log "checking every operation; the report is also written to $RUN_DIR/report.md"
python3 scripts/chaos/check.py --run-id "$run_id" --tenant "$tenant" --device-prefix "$device_prefix" \
  --ledger "$RUN_DIR/ledger.jsonl" --probe "$RUN_DIR/probe.jsonl" --faults "$RUN_DIR/faults.jsonl" \
  --control-url "$FIELDOPS_POSTGRES_URL" --database-servers "$FIELDOPS_DATABASE_SERVERS" \
  --scheduler-log "$FIELDOPS_VAR/log/scheduler-worker.log" --load-average "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --report "$RUN_DIR/report.md"
