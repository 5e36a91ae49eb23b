#!/usr/bin/env bash
# Worker runtime benchmark: how much of the raw AMQP client's consume rate `Worker` keeps, on the
# same broker, the same scratch quorum queue and the same COUNT report commands (every mesh header,
# published in confirmed batches of 1000 before each phase). benchmarks/MeshBench does the work:
#   raw       the AMQP client alone: prefetch 500, a multiple ack every 250 (as scripts/bench/amqp.sh);
#             run first and again last, and the mean of both is the reference, so a load that
#             changes during the run weighs on both sides
#   raw-each  the AMQP client alone: prefetch 500, one ack per message awaited in order (the runtime's
#             ack pattern, without its concurrency)
#   worker:N  `Worker` with a no-op handler, prefetch 500, concurrency N (each value in CONCURRENCIES)
#   decode    no broker: the runtime's decoding (JSONTapeDecoder) + validate on the same body COUNT
#             times (what the runtime adds per message besides its bookkeeping)
#   decode-foundation   the same through Foundation's JSONDecoder, for comparison
# Loopback only, bounded to 2 minutes; the scratch queue is deleted on every exit. For a figure the
# machine's load does not move, scripts/bench/worker-instructions.sh counts instructions per message.
#
#   scripts/bench/worker.sh [COUNT (200000)] [CONCURRENCIES ("8 64 256")]
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${1:-200000}
concurrencies=${2:-8 64 256}
queue="bench.mesh.$$"
work=$(mktemp -d)

cleanup() {
  # Normally MeshBench deletes its queue; this covers a failed or timed-out run.
  curl -s -o /dev/null -X DELETE "$FIELDOPS_AMQP_MANAGEMENT_URL/api/queues/%2F/$queue" || true
  rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product MeshBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench=$(swift build -c release --show-bin-path 2>/dev/null)/MeshBench

# Figures move with what else runs on the machine: the load average is printed with them.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
phases=(raw raw-each decode decode-foundation)
for concurrency in $concurrencies; do phases+=("worker:$concurrency"); done
phases+=(raw)
timeout 110 "$bench" "$queue" "$count" "${phases[@]}" >"$work/figures.txt" \
  || { echo "MeshBench failed or ran past 110 s" >&2; exit 1; }

# A phase's rate; the mean when it ran more than once.
figure() { awk -v name="$1" '$1 == name { sum += $2; runs++ } END { if (runs) printf "%d\n", sum / runs }' "$work/figures.txt"; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
raw=$(figure raw)
best_worker=0 best_concurrency=0
for concurrency in $concurrencies; do
  rate=$(figure "worker:$concurrency")
  if ((rate > best_worker)); then best_worker=$rate best_concurrency=$concurrency; fi
done

printf 'Mesh consume, %s report commands per phase, quorum queue, prefetch 500, loopback\n' "$count"
printf 'load average before: %s, after: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %10s %8s\n' "path" "msg/s" "vs raw"
printf '%-44s %10s %8s\n' "publish (confirmed batches of 1000, best)" "$(figure publish)" ""
printf '%-44s %10s %8s\n' "raw client, multiple ack every 250 (mean)" "$raw" "100%"
printf '%-44s %10s %8s\n' "  first, last" "$(awk '$1 == "raw" { printf "%s%s", sep, $2; sep = ", " }' "$work/figures.txt")" ""
printf '%-44s %10s %8s\n' "raw client, one ack per message, in order" "$(figure raw-each)" "$(percent "$(figure raw-each)" "$raw")"
for concurrency in $concurrencies; do
  rate=$(figure "worker:$concurrency")
  printf '%-44s %10s %8s\n' "Worker, no-op handler, concurrency $concurrency" "$rate" "$(percent "$rate" "$raw")"
done
decode=$(figure decode)
printf '%-44s %10s %8s\n' "decode + validate alone (no broker)" "$decode" ""
printf '%-44s %10s %8s\n' "the same with Foundation's JSONDecoder" "$(figure decode-foundation)" ""
printf 'runtime/raw: %s at concurrency %s (target >= 70%%)\n' "$(percent "$best_worker" "$raw")" "$best_concurrency"
awk -v d="$decode" -v w="$best_worker" 'BEGIN {
  printf "decode: %.1f us per message = %.0f%% of the runtime'"'"'s %.1f us per message\n", 1e6 / d, 100 * w / d, 1e6 / w }'
