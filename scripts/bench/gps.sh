#!/usr/bin/env bash
# GPS ingestion benchmark, end to end on loopback, in one run on the same rows:
#   1. positions/s through POST /v1/gps/positions (batches of 100, device tokens) → broker (confirmed)
#      → gps-worker (4 shards, COPY + ON CONFLICT, events, Redis) → visible in the tenant database;
#   2. ingestion lag p50/p99 (received_at → stored_at of each row) at about half that rate;
#   3. single-position OsmAnd requests/s against gps-ingest (wrk), with the worker storing them
#      meanwhile on the same cores, with their storage rate and lag: first from 64 connections, then
#      from 256 (a fleet: thousands of trackers keep many requests in flight at once, and 64
#      connections cap the rate at 64 / latency); then with the worker paused (ingestion alone);
#   4. PostgreSQL's raw binary COPY of the very rows stored in 1, into a table of the same shape and
#      key, with psql: the ceiling the pipeline is compared with.
# A scratch tenant, 32 registered devices and shard queues of the run's own are created and removed.
#
#   scripts/bench/gps.sh        (GPS_BENCH_DURATION=10s, GPS_BENCH_CONNECTIONS=32; about 2 minutes)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

duration=${GPS_BENCH_DURATION:-10s}
connections=${GPS_BENCH_CONNECTIONS:-32}
devices=32
prefix="bench.gps.$$"
tenant="bench-gps-$$"
work=$(mktemp -d)
pids=()

management() { # method path [json]
  curl -fsS -o /dev/null -X "$1" -H 'content-type: application/json' ${3:+-d "$3"} "$FIELDOPS_AMQP_MANAGEMENT_URL/api/$2"
}

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for shard in 0 1 2 3; do management DELETE "queues/%2F/$prefix.shard.$shard" 2>/dev/null || true; done
  for exchange in positions events; do management DELETE "exchanges/%2F/$prefix.$exchange" 2>/dev/null || true; done
  # Each registered tracker has its own MQTT broker user, which abandoning the tenant leaves.
  for index in $(seq 1 "$devices"); do management DELETE "users/gps.$tenant.bench_$$_$index" 2>/dev/null || true; done
  if [[ -n ${bin:-} ]]; then "$bin/fieldopsctl" tenant abandon "$tenant" --yes >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_ready() { # url log
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "not ready: $1" >&2
  cat "$2" >&2
  exit 1
}

for product in gateway gps-worker gps-ingest fieldopsctl; do
  swift build -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
bin=$(swift build -c release --show-bin-path 2>/dev/null)
"$bin/fieldopsctl" migrate control >/dev/null
"$bin/fieldopsctl" tenant create "$tenant" --name "GPS bench" --sector btp --admin-email "bench@$tenant.example" --server pg-a >/dev/null
for index in $(seq 1 "$devices"); do
  # The first line is the token; the second, the MQTT login, is not used here.
  "$bin/fieldopsctl" device register "$tenant" "bench_$$_$index" | sed -n 1p
done >"$work/tokens"

# The topology's GPS shape under the run's own names: no other consumer, no stray events.
management PUT "exchanges/%2F/$prefix.positions" '{"type":"x-consistent-hash","durable":true}'
management PUT "exchanges/%2F/$prefix.events" '{"type":"topic","durable":true}'
for shard in 0 1 2 3; do
  management PUT "queues/%2F/$prefix.shard.$shard" '{"durable":true,"arguments":{"x-queue-type":"quorum","x-single-active-consumer":true}}'
  management POST "bindings/%2F/e/$prefix.positions/q/$prefix.shard.$shard" '{"routing_key":"1"}'
done

export FIELDOPS_GPS_EXCHANGE="$prefix.positions" FIELDOPS_GPS_SHARD_PREFIX="$prefix.shard." FIELDOPS_GPS_SHARDS=0-3
export FIELDOPS_GPS_EVENTS_EXCHANGE="$prefix.events"
admin_port=$(free_port)
FIELDOPS_WORKER_ADMIN_PORT=$admin_port FIELDOPS_WORKER_LOG_LEVEL=warning "$bin/gps-worker" >"$work/worker.log" 2>&1 &
pids+=($!)
gateway_port=$(free_port)
FIELDOPS_GATEWAY_BIND=127.0.0.1 FIELDOPS_GATEWAY_PORT=$gateway_port FIELDOPS_GATEWAY_LOG_LEVEL=warning \
  FIELDOPS_GATEWAY_OPENAPI_PATH=docs/openapi.json "$bin/gateway" >"$work/gateway.log" 2>&1 &
pids+=($!)
osmand_port=$(free_port)
FIELDOPS_OSMAND_BIND=127.0.0.1 FIELDOPS_OSMAND_PORT=$osmand_port FIELDOPS_OSMAND_LOG_LEVEL=warning "$bin/gps-ingest" >"$work/ingest.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$admin_port/readyz" "$work/worker.log"
wait_ready "http://127.0.0.1:$gateway_port/readyz" "$work/gateway.log"
wait_ready "http://127.0.0.1:$osmand_port/readyz" "$work/ingest.log"

database=$(psql -qtA "$FIELDOPS_POSTGRES_URL" -c "SELECT database_name FROM tenants WHERE slug = '$tenant'")
server_url=${FIELDOPS_DATABASE_SERVERS#pg-a=}
server_url=${server_url%%,*}
tenant_url="${server_url%/*}/$database"
sql() { psql -qtA "$tenant_url" -c "$1"; }

# Each wrk thread owns every other device (no two threads write one device's fix times), and each
# request carries fix times no earlier request used: every position is new to the table.
cat >"$work/ingest.lua" <<'LUA'
local threads, counter = {}, 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  tokens, devices = {}, {}
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line_number % 2 == id then
      table.insert(devices, line:match("^(.*):"))
      table.insert(tokens, line)
    end
    line_number = line_number + 1
  end
  sequence, ok, refused, example = 0, 0, 0, ""
  base = tonumber(os.getenv("BENCH_BASE_MS"))
  mode, pause = os.getenv("BENCH_MODE"), tonumber(os.getenv("BENCH_DELAY_MS") or "0")
end
function delay() return pause end
function request()
  sequence = sequence + 1
  local slot = (sequence % #tokens) + 1
  local round = math.floor(sequence / #tokens)
  if mode == "osmand" then
    return wrk.format("GET", string.format("/?id=%s&lat=%.6f&lon=2.35&timestamp=%d&speed=12",
      devices[slot], 45 + round * 0.000001, base + round))
  end
  local positions = {}
  for i = 0, 99 do
    positions[#positions + 1] = string.format('{"fix_time":%d,"latitude":%.6f,"longitude":2.35,"speed":9}',
      base + round * 100 + i, 45 + (round * 100 + i) * 0.000001)
  end
  return wrk.format("POST", "/v1/gps/positions",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[slot] },
    '{"positions":[' .. table.concat(positions, ",") .. ']}')
end
function response(status, headers, body)
  if status == 202 or status == 200 then ok = ok + 1 else
    refused = refused + 1
    if example == "" then example = status .. " " .. body end
  end
end
function done(summary, latency, requests)
  local total_ok, total_refused, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
    if first == "" then first = thread:get("example") end
  end
  io.write(string.format("ok %d refused %d\n", total_ok, total_refused))
  if total_refused > 0 then io.write("first refusal: " .. first .. "\n") end
end
LUA
export BENCH_TOKENS="$work/tokens"

# Each run's fix times start a day after the previous run's, so no run repeats another's positions.
runs=0
run_wrk() { # mode url duration connections delay-ms
  runs=$((runs + 1))
  BENCH_MODE=$1 BENCH_DELAY_MS=$5 BENCH_BASE_MS=$((($(date +%s) - (6 - runs) * 86400) * 1000)) wrk -t2 -c"$4" -d"$3" --latency -s "$work/ingest.lua" "$2" >"$work/wrk.txt"
  read -r _ ok _ refused < <(grep '^ok ' "$work/wrk.txt")
  if ((refused > 0)); then
    echo "$refused of $((ok + refused)) requests failed:" >&2
    grep '^first refusal' "$work/wrk.txt" >&2
    exit 1
  fi
}

# Waits until the shards are drained and the row count holds still.
settle() {
  local previous=-1 current
  while true; do
    sleep 1
    current=$(sql "SELECT count(*) FROM positions")
    ((current == previous)) && break
    previous=$current
  done
  echo "$current"
}

figures() { # since-epoch-ms → rows rate p50 p99 (over the rows received since)
  sql "SELECT count(*),
         round(count(*) / greatest(extract(epoch FROM max(stored_at) - min(received_at)), 0.001)),
         round((1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY stored_at - received_at)))::numeric, 1),
         round((1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY stored_at - received_at)))::numeric, 1)
       FROM positions WHERE received_at >= to_timestamp($1 / 1000.0)" | tr '|' ' '
}
now_ms() { date +%s%3N; }

# Every accepted request's positions landed. Requests still in flight when wrk stopped were stored
# too, unseen by wrk: at most one per connection.
check_landed() { # rows accepted-requests connections positions-per-request
  (($1 >= $2 * $4 && $1 <= ($2 + $3) * $4)) || { echo "stored $1 positions for $2 accepted requests of $4" >&2; exit 1; }
}

# 1. Batched, as fast as it goes (after a short warm-up that is not counted).
run_wrk batch "http://127.0.0.1:$gateway_port" 3s "$connections" 0
settle >/dev/null
start=$(now_ms)
run_wrk batch "http://127.0.0.1:$gateway_port" "$duration" "$connections" 0
batch_requests=$(awk '/Requests\/sec:/ { print $2 }' "$work/wrk.txt")
accepted_requests=$ok
settle >/dev/null
read -r rows rate max_p50 max_p99 < <(figures "$start")
check_landed "$rows" "$accepted_requests" "$connections" 100

# 2. Half that rate: 16 connections, each pausing between requests.
half_connections=16
pause=$(awk -v r="$batch_requests" -v c="$half_connections" 'BEGIN { printf "%d", c * 1000 / (r / 2) }')
start=$(now_ms)
run_wrk batch "http://127.0.0.1:$gateway_port" "$duration" "$half_connections" "$pause"
settle >/dev/null
read -r half_rows half_rate half_p50 half_p99 < <(figures "$start")

# CPU ticks (user + system) used so far by each of the given processes, summed.
ticks_of() {
  local pid total=0 used
  for pid in "$@"; do
    used=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || used=0
    total=$((total + ${used:-0}))
  done
  echo "$total"
}

# The share of the two cores each part used during the OsmAnd phase: where its requests' work goes.
osmand_cpu_parts() {
  printf 'gps-ingest %s\ngps-worker %s\nbeam.smp %s\npostgres %s\n' "$(ticks_of "${pids[2]}")" "$(ticks_of "${pids[0]}")" \
    "$(ticks_of $(pgrep -x beam.smp))" "$(ticks_of $(pgrep -x postgres))"
}

# 3. OsmAnd, one position per request, the worker storing them meanwhile on the same two cores.
#    Prints the phase's line: requests/s and p99 (wrk), then positions stored/s from the first
#    receipt to the last row (the worker's drain after wrk stopped included) and their lag, then
#    each part's CPU. Every accepted position must land.
osmand_with_worker() { # connections
  local before after started elapsed_ms requests p99 rows stored_rate lag_p50 lag_p99
  before=$(osmand_cpu_parts)
  started=$(now_ms)
  run_wrk osmand "http://127.0.0.1:$osmand_port" 10s "$1" 0
  elapsed_ms=$(($(now_ms) - started))
  after=$(osmand_cpu_parts)
  requests=$(awk '/Requests\/sec:/ { print $2 }' "$work/wrk.txt")
  p99=$(awk '/^ +99%/ { print $2 }' "$work/wrk.txt")
  settle >/dev/null
  read -r rows stored_rate lag_p50 lag_p99 < <(figures "$started")
  check_landed "$rows" "$ok" "$1" 1
  printf '%-62s %12s/s %8sms %8sms\n' "OsmAnd single-position requests (wrk -t2 -c$1), p99 $p99" "$requests" "$lag_p50" "$lag_p99"
  printf '%-62s %12s/s\n' "  stored end to end (until the last row)" "$stored_rate"
  printf '  CPU during that run, %% of one core:'
  paste -d' ' <(echo "$before") <(echo "$after") |
    awk -v hz="$(getconf CLK_TCK)" -v ms="$elapsed_ms" '{ printf "  %s %.0f%%", $1, 100 * ($4 - $2) / hz / (ms / 1000) } END { print "" }'
}
osmand_with_worker 64 >"$work/osmand-64.txt"
osmand_with_worker 256 >"$work/osmand-256.txt"

# 3b. The same with the worker paused: what gps-ingest and the broker sustain when the worker runs
#     on other cores, as in production. The worker then drains the backlog; every position must land.
worker_pid=${pids[0]}
start=$(now_ms)
kill -STOP "$worker_pid"
run_wrk osmand "http://127.0.0.1:$osmand_port" 10s 64 0
kill -CONT "$worker_pid"
alone_requests=$(awk '/Requests\/sec:/ { print $2 }' "$work/wrk.txt")
alone_p99=$(awk '/^ +99%/ { print $2 }' "$work/wrk.txt")
settle >/dev/null
read -r alone_rows _ < <(figures "$start")
check_landed "$alone_rows" "$ok" 64 1

# 4. PostgreSQL's own COPY of the rows stored in 1 and 2, same shape and key, timed by psql.
columns="device_id, fix_time, latitude, longitude, speed, course, altitude, accuracy, hdop, battery, valid, attributes, received_at"
psql -qtA "$tenant_url" -c "\\copy (SELECT $columns FROM positions) TO '$work/rows.bin' (FORMAT binary)"
copy_rows=$(sql "SELECT count(*) FROM positions")
sql "CREATE TABLE bench_copy (LIKE positions INCLUDING ALL)"
copy_started=$(now_ms)
psql -qtA "$tenant_url" -c "\\copy bench_copy ($columns) FROM '$work/rows.bin' (FORMAT binary)" >/dev/null
copy_ms=$(($(now_ms) - copy_started))
sql "DROP TABLE bench_copy"
copy_rate=$((copy_rows * 1000 / (copy_ms > 0 ? copy_ms : 1)))

read -r load _ < /proc/loadavg
printf '\nGPS ingestion, loopback, 4 shards, one gps-worker (load average %s)\n' "$load"
printf '%-62s %14s %10s %10s\n' "path" "rate" "lag p50" "lag p99"
printf '%-62s %12s/s %8sms %8sms\n' "HTTP batches of 100 → DB, max ($rows positions, $batch_requests req/s)" "$rate" "$max_p50" "$max_p99"
printf '%-62s %12s/s %8sms %8sms\n' "HTTP batches of 100 → DB, ~half rate ($half_rows positions)" "$half_rate" "$half_p50" "$half_p99"
cat "$work/osmand-64.txt" "$work/osmand-256.txt"
printf '%-62s %12s/s\n' "OsmAnd, worker paused (ingestion alone, -c64), p99 $alone_p99" "$alone_requests"
printf '%-62s %12s/s\n' "PostgreSQL COPY binary of the same $copy_rows rows (psql)" "$copy_rate"
awk -v o="$rate" -v c="$copy_rate" 'BEGIN { printf "ratio end-to-end / raw COPY: %.1f%%   (targets: >= 50000/s batched, >= 8000 OsmAnd req/s, p99 lag < 1000 ms at half rate)\n", 100 * o / c }'
