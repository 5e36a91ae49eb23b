#!/usr/bin/env bash
# Report rendering: the same invoice-like export (12 columns) rendered by the Swift engines
# (benchmarks/ReportsBench: pango + cairo PDF, libxlsxwriter XLSX in constant-memory mode) and by
# Python's reportlab and XlsxWriter (constant_memory) in benchmarks/ReportsBench/peer.py, in the
# same run, on the same rows. PDF: each of PDF_ROWS (1,640 rows make the issue's 50 pages, 10,000
# rows 304 pages); XLSX: each of XLSX_ROWS (peak RSS should stay flat as rows grow). Prints wall
# and CPU seconds, rows/s, pages/s, peak RSS and the Swift/peer ratios. On a machine shared with
# other builds the CPU-time ratio is the steadier one (scripts/bench/reports-instructions.sh counts
# the PDF renderer's instructions per page, which the load does not move at all).
set -euo pipefail
# shellcheck source=scripts/env.sh disable=SC1091
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

PDF_ROWS=${PDF_ROWS:-"1640 10000"}
XLSX_ROWS=${XLSX_ROWS:-"10000 100000"}
VENV=$FIELDOPS_VAR/tools/bench-venv
PEER_PACKAGES=(xlsxwriter==3.2.0 reportlab==4.2.5)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The Python peers live in the project's own benchmark environment, never system-wide.
[[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PEER_PACKAGES[@]}"

swift build -c release --product ReportsBench >/dev/null
BENCH="$(swift build -c release --show-bin-path)/ReportsBench"

# One JSON line per run: {"tool", "format", "rows", "pages", "seconds", "cpu_seconds", "peak_rss_kb"}.
run() {
    local tool=$1 format=$2 rows=$3 output="$WORK/$1-$3.$2"
    if [[ $tool == swift ]]; then
        "$BENCH" "$format" "$rows" "$output"
    else
        "$VENV/bin/python" benchmarks/ReportsBench/peer.py "$format" "$rows" "$output"
    fi
    if [[ $format == pdf ]]; then
        pdfinfo "$output" | awk -v tool="$tool" -v rows="$rows" '/^Pages:/ { printf "{\"check\":\"%s\",\"rows\":%d,\"pdfinfo_pages\":%d}\n", tool, rows, $2 }'
    fi
    rm -f "$output"
}

{
    for rows in $PDF_ROWS; do
        run swift pdf "$rows"
        run python pdf "$rows"
    done
    for rows in $XLSX_ROWS; do
        run swift xlsx "$rows"
        run python xlsx "$rows"
    done
} > "$WORK/results.jsonl"

"$VENV/bin/python" - "$WORK/results.jsonl" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
runs = [r for r in lines if "tool" in r]
checks = {(r["check"], r["rows"]): r["pdfinfo_pages"] for r in lines if "check" in r}
print(f"Report rendering, 12 columns, load average {sys.argv[2]}")
print(f"{'run':<26}{'wall s':>8}{'CPU s':>8}{'rows/s':>10}{'pages/s':>9}{'peak RSS':>11}   (rates from wall time)")
for r in runs:
    pages = f"{r['pages'] / r['seconds']:.0f}" if r["pages"] else "-"
    print(f"{r['tool'] + ' ' + r['format'] + ' ' + str(r['rows']):<26}{r['seconds']:>8.2f}{r['cpu_seconds']:>8.2f}"
          f"{r['rows'] / r['seconds']:>10.0f}{pages:>9}{r['peak_rss_kb'] / 1024:>8.1f} MB")
for (fmt, rows) in sorted({(r["format"], r["rows"]) for r in runs}):
    swift = next(r for r in runs if r["tool"] == "swift" and r["format"] == fmt and r["rows"] == rows)
    peer = next(r for r in runs if r["tool"] == "python" and r["format"] == fmt and r["rows"] == rows)
    print(f"ratio {fmt} {rows} rows, Swift vs {'reportlab' if fmt == 'pdf' else 'XlsxWriter'}: "
          f"{peer['seconds'] / swift['seconds']:.2f}x faster (wall), {peer['cpu_seconds'] / swift['cpu_seconds']:.2f}x less CPU")
failed = False
for rows in sorted({rows for (_, rows) in checks}):
    swift_pages = next(r["pages"] for r in runs if r["tool"] == "swift" and r["format"] == "pdf" and r["rows"] == rows)
    print(f"pages by pdfinfo, {rows} rows: swift {checks.get(('swift', rows))}, python {checks.get(('python', rows))}")
    failed = failed or checks.get(("swift", rows)) != swift_pages
sys.exit(1 if failed else 0)
PY
