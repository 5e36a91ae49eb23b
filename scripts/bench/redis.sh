#!/usr/bin/env bash
# Pipelined SET throughput: the Swift client (benchmarks/RedisBench) against redis-benchmark, same
# server, same single key and 3-byte value, 16 commands per pipeline on one connection. Each side runs
# ROUNDS times, interleaved, and the best round counts (the machine is shared; the best is the least
# disturbed). The default -c 50 figure of redis-benchmark is shown for information only.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR/..
# shellcheck source=env.sh disable=SC1091
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

requests=${REDIS_BENCH_REQUESTS:-1000000}
pipeline=${REDIS_BENCH_PIPELINE:-16}
rounds=${REDIS_BENCH_ROUNDS:-3}
export REDIS_BENCH_REQUESTS=$requests REDIS_BENCH_PIPELINE=$pipeline

redis-cli -p "$FIELDOPS_REDIS_PORT" ping >/dev/null || { echo "Redis is not answering on port $FIELDOPS_REDIS_PORT" >&2; exit 1; }
if ! swift build -c release --product RedisBench >/dev/null 2>&1; then
    swift build -c release --product RedisBench
    exit 1
fi
swift_bench="$(swift build -c release --show-bin-path)/RedisBench"

# Requests per second of one redis-benchmark SET run with the given client count.
peer_rps() {
    redis-benchmark -p "$FIELDOPS_REDIS_PORT" -t set -n "$requests" -P "$pipeline" -c "$1" --csv |
        awk -F'"' '$2 == "SET" { printf "%d\n", $4 }'
}

best_swift=0
best_peer=0
for _ in $(seq "$rounds"); do
    peer=$(peer_rps 1)
    swift=$("$swift_bench" | awk '/^swift_set_requests_per_second/ { print $2 }')
    (( peer > best_peer )) && best_peer=$peer
    (( swift > best_swift )) && best_swift=$swift
done
peer_c50=$(peer_rps 50)

printf '%-44s %14s\n' "SET, $requests requests, pipeline $pipeline" "requests/s"
printf '%-44s %14d\n' "Swift RedisConnection.pipeline (1 conn)" "$best_swift"
printf '%-44s %14d\n' "redis-benchmark -c 1" "$best_peer"
printf '%-44s %14d\n' "redis-benchmark -c 50 (information)" "$peer_c50"
awk -v s="$best_swift" -v p="$best_peer" 'BEGIN { printf "%-44s %13.0f%%\n", "ratio Swift / redis-benchmark -c 1", 100 * s / p }'
echo
