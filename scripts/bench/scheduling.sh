#!/usr/bin/env bash
# Scheduling benchmark, Swift engine (benchmarks/SchedulingBench) next to its peers on the same
# data in the same run (scripts/bench/scheduling_peer.py, in the benchmark venv):
#  (a) exact assignment on COUNT random 1000 × 1000 matrices (whole-number costs) vs
#      scipy.optimize.linear_sum_assignment: the optimal costs must be identical; times compared;
#  (b) one day, 500 interventions × 100 technicians, vs OR-Tools routing with the same time budget
#      and the same objective (ObjectiveWeights); OR-Tools' plan is also priced by the Swift
#      objective, which must give OR-Tools' own figure;
#  (c) duration model vs the template estimate on held-out synthetic history (MAE).
# About 20 s after the build. No network beyond the first pip install.
#
#   scripts/bench/scheduling.sh [COUNT (5)] [BUDGET_SECONDS (2)] [SEED (1)]
#   (SCHEDULING_PEER_BUDGET=SECONDS gives OR-Tools a longer budget, to see where it gets to.)
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${1:-5}
budget=${2:-2}
seed=${3:-1}
peer_budget=${SCHEDULING_PEER_BUDGET:-$budget}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

venv=$FIELDOPS_VAR/tools/bench-venv
if ! "$venv/bin/python" -c 'import scipy, ortools' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scipy==1.17.1 ortools==9.15.6755
fi
peer=("$venv/bin/python" scripts/bench/scheduling_peer.py)

swift build -c release --product SchedulingBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench=$(swift build -c release --show-bin-path 2>/dev/null)/SchedulingBench
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== assignment, $count random 1000 × 1000 matrices"
"$bench" assignment "$work" "$count" 1000 "$seed" >"$work/swift.txt"
"${peer[@]}" assignment "$work" "$count" 1000 >"$work/scipy.txt"
paste -d' ' "$work/swift.txt" "$work/scipy.txt" | awk '
  { swift += $6; scipy += $12; if ($4 != $10) mismatches++
    printf "matrix %s  cost swift %s scipy %s  seconds swift %s scipy %s\n", $2, $4, $10, $6, $12 }
  END { printf "total seconds swift %.3f scipy %.3f  swift/scipy %.2f×  cost mismatches %d\n", swift, scipy, swift / scipy, mismatches
        exit mismatches > 0 }'

echo "== day plan, 500 interventions × 100 technicians, Swift ${budget} s, OR-Tools ${peer_budget} s"
read -r -a swift_day < <("$bench" dayplan "$work" 500 100 "$seed" "$budget")
read -r -a ortools_day < <("${peer[@]}" dayplan "$work" "$peer_budget" PARALLEL_CHEAPEST_INSERTION)
read -r -a priced < <("$bench" evaluate "$work")
echo "swift:   ${swift_day[*]}"
echo "ortools: ${ortools_day[*]}"
echo "ortools plan priced by the Swift objective: ${priced[*]}"
awk -v s="${swift_day[1]}" -v o="${ortools_day[1]}" -v p="${priced[1]}" 'BEGIN {
  printf "cost swift/ortools %.3f (target ≤ 1.05)  objective agreement: %s\n", s / o, (o == p ? "identical" : "DIFFERENT")
  exit (o != p) }'

echo "== duration model, 20,000 synthetic interventions, newest 20 % held out"
"$bench" durations "$seed"
