#!/usr/bin/env bash
# Job submission benchmark: confirmed `POST /v1/reports` per second through the release gateway
# (validation, two Redis rate-limit scripts, a job row in PostgreSQL, a publish to
# fieldops.commands answered 202 only after the broker's confirm), measured by wrk, next to the raw
# broker publish-confirm rate measured by AMQPBench on a scratch quorum queue in the same run.
# Only 202s count: the wrk script tallies every other status and the run fails if there is any.
# Sanity check: every 202 has its job row, and the job rows exceed wrk's 202s only by the requests
# still in flight when wrk stopped (at most one per connection), which the gateway finished unseen.
# The commands go to fieldops.reports, which has no consumer here: it is purged before each run (a
# backlog of hundreds of thousands of commands no worker takes is not what a gateway meets), and the
# benchmark's job rows are deleted and the table vacuumed, before the runs and after them.
#
# wrk runs GATEWAY_BENCH_RUNS times and the median run is reported (the machine is shared). Next to
# it, what bounds a submission that must wait for a PostgreSQL commit and then a broker confirm:
# the commit round trip alone (pgbench, one client inserting one jsonb row per transaction), the
# confirm round trip alone (AMQPBench publishing one message at a time to a quorum queue), and the
# job path with HTTP taken away (JobPathBench: the gateway's INSERT then publish-and-confirm, in
# batches, one batch in flight as in the gateway and more): the most this machine's PostgreSQL and
# RabbitMQ give any gateway of this design before request work shares the cores.
# The CPU each process used during the runs is printed too. Loopback only, about 90 s.
#
#   scripts/bench/gateway.sh   (GATEWAY_BENCH_DURATION=10s, GATEWAY_BENCH_RUNS=3, GATEWAY_BENCH_CONNECTIONS=64)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

duration=${GATEWAY_BENCH_DURATION:-10s}
runs=${GATEWAY_BENCH_RUNS:-3}
connections=${GATEWAY_BENCH_CONNECTIONS:-64}
raw_count=100000
confirm_probe_count=2000
subject="bench-gateway-$$"
raw_queue="bench.gateway.raw.$$"
probe_queue="bench.gateway.confirm.$$"
probe_table="bench_gateway_commit_$$"
work=$(mktemp -d)
gateway_pid=""

purge_reports() {
  curl -fs -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/fieldops.reports/contents"
}

delete_jobs() {
  psql -qtA "$FIELDOPS_POSTGRES_URL" -c "DELETE FROM jobs WHERE submitted_by = '$subject'" >/dev/null
  psql -qtA "$FIELDOPS_POSTGRES_URL" -c "VACUUM jobs" >/dev/null
}

cleanup() {
  if [[ -n $gateway_pid ]]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  purge_reports || true
  delete_jobs || true
  curl -s -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/$raw_queue" || true
  curl -s -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/$probe_queue" || true
  psql -qtA "$FIELDOPS_POSTGRES_URL" -c "DROP TABLE IF EXISTS $probe_table" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

for product in gateway fieldopsctl AMQPBench JobPathBench; do
  swift build -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
bin=$(swift build -c release --show-bin-path 2>/dev/null)
"$bin/fieldopsctl" migrate control >/dev/null
BENCH_TOKEN=$("$bin/fieldopsctl" token issue --subject "$subject" --role manager --tenant bench)
export BENCH_TOKEN
purge_reports
delete_jobs

port=$(free_port)
# Warnings only (an access-log line per request would measure stdout); rate limits out of the way.
FIELDOPS_GATEWAY_BIND=127.0.0.1 FIELDOPS_GATEWAY_PORT=$port FIELDOPS_GATEWAY_LOG_LEVEL=warning \
  FIELDOPS_GATEWAY_OPENAPI_PATH=docs/openapi.json \
  FIELDOPS_RATE_LIMIT_TENANT_PER_SECOND=1000000 FIELDOPS_RATE_LIMIT_TENANT_BURST=1000000 \
  FIELDOPS_RATE_LIMIT_CLIENT_PER_SECOND=1000000 FIELDOPS_RATE_LIMIT_CLIENT_BURST=1000000 \
  "$bin/gateway" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "gateway not ready" >&2; cat "$work/gateway.log" >&2; exit 1; }

# Each wrk thread has its own Lua state: done() sums the threads' tallies.
cat >"$work/submit.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"report":"weekly","format":"pdf","from":"2026-11-23","to":"2026-11-29"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) accepted, refused, first_refusal = 0, 0, "" end
function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    refused = refused + 1
    if first_refusal == "" then first_refusal = status .. " " .. body end
  end
end
function done(summary, latency, requests)
  local total_accepted, total_refused, example = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
    if example == "" then example = thread:get("first_refusal") end
  end
  io.write(string.format("accepted %d refused %d\n", total_accepted, total_refused))
  if total_refused > 0 then io.write("first refusal: " .. example .. "\n") end
end
LUA

# Jobs this run's token submitted, once the requests in flight at wrk's stop had time to finish.
jobs_so_far() {
  sleep 0.5
  psql -qtA "$FIELDOPS_POSTGRES_URL" -c "SELECT count(*) FROM jobs WHERE submitted_by = '$subject'"
}

# Fails on any refusal, so a run that measured errors never prints a figure.
run_wrk() { # duration output
  wrk -t2 -c"$connections" -d"$1" --latency -s "$work/submit.lua" "http://127.0.0.1:$port/v1/reports" >"$2"
  read -r _ accepted _ refused < <(grep '^accepted ' "$2")
  if ((refused > 0)); then
    echo "$refused of $((accepted + refused)) submissions were not 202:" >&2
    grep '^first refusal' "$2" >&2
    exit 1
  fi
}

# CPU ticks (user + system) used so far by the gateway and by each service's processes.
cpu_ticks() {
  local name pids pid ticks used
  for name in gateway beam.smp postgres redis-server; do
    if [[ $name == gateway ]]; then pids=$gateway_pid; else pids=$(pgrep -x "$name" || true); fi
    ticks=0
    for pid in $pids; do
      used=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || used=0
      ticks=$((ticks + ${used:-0}))
    done
    printf '%s %s\n' "$name" "$ticks"
  done
}

run_wrk 3s "$work/warmup.txt"
warmup_jobs=$(jobs_so_far)
load_before=$(cut -d' ' -f1 /proc/loadavg)
cpu_ticks >"$work/cpu-before.txt"
started=$(date +%s.%N)
accepted_total=0
for run in $(seq 1 "$runs"); do
  purge_reports
  run_wrk "$duration" "$work/wrk-$run.txt"
  accepted_total=$((accepted_total + accepted))
  awk '/Requests\/sec:/ { r = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } END { print r, p50, p99 }' "$work/wrk-$run.txt" >>"$work/runs.txt"
done
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
cpu_ticks >"$work/cpu-after.txt"
load_after=$(cut -d' ' -f1 /proc/loadavg)
jobs=$(($(jobs_so_far) - warmup_jobs))
read -r rps p50 p99 < <(sort -n "$work/runs.txt" | awk -v n="$runs" 'NR == int((n + 1) / 2)')

purge_reports
"$bin/JobPathBench" "$subject" 5 32x1 64x1 64x2 128x2 >"$work/job-path.txt"
purge_reports
read -r _ raw_publish _ _ < <("$bin/AMQPBench" "$raw_queue" "$raw_count")
read -r _ confirm_rate _ _ < <("$bin/AMQPBench" "$probe_queue" "$confirm_probe_count" 1)
psql -qtA "$FIELDOPS_POSTGRES_URL" -c "CREATE TABLE $probe_table (id bigserial PRIMARY KEY, payload jsonb NOT NULL)" >/dev/null
printf '%s\n' "INSERT INTO $probe_table (payload) VALUES ('{\"report\":\"weekly\"}');" >"$work/commit.sql"
commit_rate=$(pgbench -n -M prepared -c 1 -T 3 -f "$work/commit.sql" "$FIELDOPS_POSTGRES_URL" 2>/dev/null |
  awk '/^tps/ { print int($3) }')

printf '\nPOST /v1/reports, wrk -t2 -c%s, %s runs of %s (after a 3 s warm-up), loopback; load average %s -> %s\n' \
  "$connections" "$runs" "$duration" "$load_before" "$load_after"
printf 'runs (confirmed/s p50 p99): %s\n' "$(paste -sd';' "$work/runs.txt" | sed 's/;/; /g')"
printf '%-52s %12s %10s %10s\n' "path" "confirmed/s" "p50" "p99"
printf '%-52s %12s %10s %10s\n' "gateway, median run: validate, rate-limit, row, publish" "$rps" "$p50" "$p99"
printf '%-52s %12s\n' "AMQPBench: raw publish, confirm every 1000" "$raw_publish"
awk -v g="$rps" -v r="$raw_publish" 'BEGIN { printf "ratio gateway/raw: %.1f%%   (targets: >= 10000/s and p99 < 25ms)\n", 100 * g / r }'
awk -v commit="$commit_rate" -v confirm="$confirm_rate" 'BEGIN {
  printf "bounds: one commit alone %d/s (%.2f ms), one confirm alone %d/s (%.2f ms)\n", commit, 1000 / commit, confirm, 1000 / confirm }'
printf 'job path without HTTP (JobPathBench: INSERT, then publish and await the confirms):\n'
printf '  %-20s %10s %12s %20s\n' "batch x in flight" "jobs/s" "insert ms" "publish+confirm ms"
awk '{ printf "  %-20s %10s %12s %20s\n", $2 " x " $4, $6, $8, $10 }' "$work/job-path.txt"
printf 'CPU during the runs, %% of one core:'
paste -d' ' "$work/cpu-before.txt" "$work/cpu-after.txt" |
  awk -v hz="$(getconf CLK_TCK)" -v s="$elapsed" '{ printf "  %s %.0f%%", $1, 100 * ($4 - $2) / hz / s } END { print "" }'
printf 'sanity: jobs in the database %s, 202s counted by wrk %s, refused 0 (difference: requests in flight at wrk'"'"'s stops)\n' \
  "$jobs" "$accepted_total"
in_flight=$((jobs - accepted_total))
((in_flight >= 0 && in_flight <= runs * connections)) || { echo "jobs and 202s differ by $in_flight" >&2; exit 1; }
