#!/usr/bin/env bash
# Job submission benchmark: confirmed `POST /v1/reports` per second through the release gateway
# (validation, two Redis rate-limit scripts, a job row in PostgreSQL, a publish to
# fieldops.commands answered 202 only after the broker's confirm), measured by wrk, next to the raw
# broker publish-confirm rate measured by AMQPBench on a scratch quorum queue in the same run.
# Only 202s count: the wrk script tallies every other status and the run fails if there is any.
# Sanity check: every 202 has its job row, and the job rows exceed wrk's 202s only by the requests
# still in flight when wrk stopped (at most one per connection), which the gateway finished unseen.
# The commands go to fieldops.reports, which has no consumer here: it is purged before and after,
# and the benchmark's job rows are deleted. Loopback only, about 40 s.
#
#   scripts/bench/gateway.sh        (GATEWAY_BENCH_DURATION=15s, GATEWAY_BENCH_CONNECTIONS=64)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

duration=${GATEWAY_BENCH_DURATION:-15s}
connections=${GATEWAY_BENCH_CONNECTIONS:-64}
raw_count=100000
subject="bench-gateway-$$"
raw_queue="bench.gateway.raw.$$"
work=$(mktemp -d)
gateway_pid=""

purge_reports() {
  curl -fs -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/fieldops.reports/contents"
}

delete_jobs() {
  psql -qtA "$FIELDOPS_POSTGRES_URL" -c "DELETE FROM jobs WHERE submitted_by = '$subject'" >/dev/null
}

cleanup() {
  if [[ -n $gateway_pid ]]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  purge_reports || true
  delete_jobs || true
  curl -s -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/$raw_queue" || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

for product in gateway fieldopsctl AMQPBench; do
  swift build -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
bin=$(swift build -c release --show-bin-path 2>/dev/null)
"$bin/fieldopsctl" migrate control >/dev/null
BENCH_TOKEN=$("$bin/fieldopsctl" token issue --subject "$subject" --role manager --tenant bench)
export BENCH_TOKEN
purge_reports

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
run_wrk() {
  wrk -t2 -c"$connections" -d"$1" --latency -s "$work/submit.lua" "http://127.0.0.1:$port/v1/reports" >"$work/wrk.txt"
  read -r _ accepted _ refused < <(grep '^accepted ' "$work/wrk.txt")
  if ((refused > 0)); then
    echo "$refused of $((accepted + refused)) submissions were not 202:" >&2
    grep '^first refusal' "$work/wrk.txt" >&2
    exit 1
  fi
}

run_wrk 3s
warmup_jobs=$(jobs_so_far)
run_wrk "$duration"
rps=$(awk '/Requests\/sec:/ { print $2 }' "$work/wrk.txt")
p50=$(awk '/^ +50%/ { print $2 }' "$work/wrk.txt")
p99=$(awk '/^ +99%/ { print $2 }' "$work/wrk.txt")
jobs=$(($(jobs_so_far) - warmup_jobs))

read -r _ raw_publish _ _ < <("$bin/AMQPBench" "$raw_queue" "$raw_count")

printf '\nPOST /v1/reports, wrk -t2 -c%s -d%s (after a 3 s warm-up), loopback\n' "$connections" "$duration"
printf '%-48s %12s %10s %10s\n' "path" "confirmed/s" "p50" "p99"
printf '%-48s %12s %10s %10s\n' "gateway: validate, rate-limit, job row, publish" "$rps" "$p50" "$p99"
printf '%-48s %12s\n' "AMQPBench: raw publish, confirm every 1000" "$raw_publish"
awk -v g="$rps" -v r="$raw_publish" 'BEGIN { printf "ratio gateway/raw: %.1f%%   (targets: >= 10000/s and p99 < 25ms)\n", 100 * g / r }'
printf 'sanity: jobs in the database %s, 202s counted by wrk %s, refused 0 (difference: requests in flight at wrk'"'"'s stop)\n' \
  "$jobs" "$accepted"
in_flight=$((jobs - accepted))
((in_flight >= 0 && in_flight <= connections)) || { echo "jobs and 202s differ by $in_flight" >&2; exit 1; }
