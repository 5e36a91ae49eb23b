#!/usr/bin/env bash
# Worker runtime cost in CPU instructions per message, counted by callgrind: unlike msg/s, the
# figure does not move with the load other processes put on the machine. benchmarks/MeshBench runs
# each phase (raw, worker:CONCURRENCY) twice, with COUNT and 2×COUNT messages; the difference
# divided by COUNT is the cost of one more message (fill + consume), start-up and connection cancel out.
# The decode phases count the same way what reading one body costs: the runtime's decoding
# (JSONTapeDecoder) + validate, and the same through Foundation's JSONDecoder.
#
#   scripts/bench/worker-instructions.sh [COUNT (10000)] [CONCURRENCY (256)]
#
# Needs valgrind (apt-get install valgrind). Loopback only, about two minutes.
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${1:-10000}
concurrency=${2:-256}
work=$(mktemp -d)
queue="bench.mesh.instructions.$$"

cleanup() {
  curl -s -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/$queue" || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product MeshBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# valgrind 3.19 cannot read the toolchain's DWARF 5 debug info: count on a copy without it.
objcopy --strip-debug "$(swift build -c release --show-bin-path 2>/dev/null)/MeshBench" "$work/MeshBench"

# Total instructions of one MeshBench run of PHASE over N messages.
instructions() {
  local phase=$1 messages=$2 out="$work/callgrind.out"
  timeout 300 valgrind --tool=callgrind --callgrind-out-file="$out" "$work/MeshBench" "$queue" "$messages" "$phase" \
    >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
  awk '$1 == "summary:" || $1 == "totals:" { print $2; exit }' "$out"
}

# Instructions of one more message through PHASE.
per_message() {
  local phase=$1 once twice
  once=$(instructions "$phase" "$count")
  twice=$(instructions "$phase" $((2 * count)))
  echo $(((twice - once) / count))
}

raw=$(per_message raw)
worker=$(per_message "worker:$concurrency")
decode=$(per_message decode)
decode_foundation=$(per_message decode-foundation)
printf 'Instructions per message (callgrind; fill with confirms + consume), %s vs %s messages\n' "$count" $((2 * count))
printf '%-52s %10s\n' "raw client, multiple ack every 250" "$raw"
printf '%-52s %10s\n' "Worker, no-op handler, concurrency $concurrency" "$worker"
printf '%-52s %10s\n' "added by the runtime (decode, validate, bookkeeping)" $((worker - raw))
printf '%-52s %10s\n' "decode + validate one body (JSONTapeDecoder)" "$decode"
printf '%-52s %10s\n' "the same with Foundation's JSONDecoder" "$decode_foundation"
