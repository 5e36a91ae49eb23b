#!/usr/bin/env bash
# AMQP client benchmark: the Swift client (benchmarks/AMQPBench) against rabbitmq-c used directly
# (benchmarks/amqp-peer/amqp_peer.c), same broker, same workload, alternating, fresh quorum queue
# per run: COUNT persistent 100-byte messages published with confirms (all confirmed every 1000),
# then consumed with prefetch 500 and a multiple ack every 250. Best of ROUNDS per side, since the
# machine is shared. Loopback only.
#
#   scripts/bench/amqp.sh [COUNT (200000)] [ROUNDS (2)]
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${1:-200000}
rounds=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product AMQPBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cc -O2 -Wall -Wextra -o "$work/amqp_peer" benchmarks/amqp-peer/amqp_peer.c -lrabbitmq
swift_bench=$(swift build -c release --show-bin-path 2>/dev/null)/AMQPBench

best_swift_publish=0 best_swift_consume=0 best_c_publish=0 best_c_consume=0
max() { if (($1 > $2)); then echo "$1"; else echo "$2"; fi; }

for ((round = 1; round <= rounds; round++)); do
  read -r _ publish _ consume < <("$swift_bench" "bench.amqp.swift.$$.$round" "$count")
  best_swift_publish=$(max "$publish" "$best_swift_publish")
  best_swift_consume=$(max "$consume" "$best_swift_consume")
  read -r _ publish _ consume < <("$work/amqp_peer" "$FIELDOPS_AMQP_URL" "bench.amqp.c.$$.$round" "$count")
  best_c_publish=$(max "${publish%.*}" "$best_c_publish")
  best_c_consume=$(max "${consume%.*}" "$best_c_consume")
done

ratio() { awk -v s="$1" -v c="$2" 'BEGIN { printf "%.0f%%", 100 * s / c }'; }
printf '%-34s %12s %12s %8s\n' "AMQP, $count msgs, best of $rounds" "Swift msg/s" "C msg/s" "Swift/C"
printf '%-34s %12s %12s %8s\n' "publish (confirm every 1000)" "$best_swift_publish" "$best_c_publish" \
  "$(ratio "$best_swift_publish" "$best_c_publish")"
printf '%-34s %12s %12s %8s\n' "consume (prefetch 500, ack 250)" "$best_swift_consume" "$best_c_consume" \
  "$(ratio "$best_swift_consume" "$best_c_consume")"
