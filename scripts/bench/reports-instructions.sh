#!/usr/bin/env bash
# PDF rendering cost in CPU instructions per page, counted by callgrind: unlike pages/s, the figure
# does not move with the load other processes put on the machine. benchmarks/ReportsBench renders
# the invoice-like export of scripts/bench/reports.sh twice, with ROWS and 2×ROWS rows; the
# difference divided by the extra pages is the cost of one more page (start-up cancels out).
#
#   scripts/bench/reports-instructions.sh [ROWS (1000)]
#
# Needs valgrind (apt-get install valgrind). About a minute.
set -euo pipefail
# shellcheck source=scripts/env.sh disable=SC1091
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

rows=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product ReportsBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# valgrind 3.19 cannot read the toolchain's DWARF 5 debug info: count on a copy without it.
objcopy --strip-debug "$(swift build -c release --show-bin-path 2>/dev/null)/ReportsBench" "$work/ReportsBench"

# "INSTRUCTIONS PAGES" of one render of N rows.
render() {
  local rows=$1 out="$work/callgrind.out"
  timeout 300 valgrind --tool=callgrind --callgrind-out-file="$out" "$work/ReportsBench" pdf "$rows" "$work/report.pdf" \
    >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
  local instructions pages
  instructions=$(awk '$1 == "summary:" || $1 == "totals:" { print $2; exit }' "$out")
  pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' "$work/run.log")
  echo "$instructions $pages"
}

first=$(render "$rows")
second=$(render $((2 * rows)))
read -r once once_pages <<<"$first"
read -r twice twice_pages <<<"$second"
printf 'PDF rendering (callgrind), %s vs %s rows, %s vs %s pages\n' "$rows" $((2 * rows)) "$once_pages" "$twice_pages"
printf '%-40s %12s\n' "instructions per page" $(((twice - once) / (twice_pages - once_pages)))
printf '%-40s %12s\n' "instructions per row" $(((twice - once) / rows))
