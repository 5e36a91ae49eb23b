#!/usr/bin/env bash
# Bulk load of N position rows into PostgreSQL: the Swift client's COPY FROM STDIN BINARY against
# psql's \copy of the same rows from a CSV file, each into an identical fresh table, in the same run.
# Prints wall time (process start to exit, connection included) and rows/s for the best of ROUNDS,
# the ratio Swift/psql, and checks that both tables hold exactly the same rows.
set -euo pipefail
# shellcheck source=scripts/env.sh disable=SC1091
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
DATABASE_URL=${FIELDOPS_TEST_POSTGRES_URL}
SUFFIX="$$_$RANDOM"
SWIFT_TABLE="bench_positions_swift_$SUFFIX"
PSQL_TABLE="bench_positions_psql_$SUFFIX"
WORK=$(mktemp -d)
CSV="$WORK/positions.csv"

sql() { PGOPTIONS='-c client_min_messages=warning' psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
cleanup() {
    sql -c "DROP TABLE IF EXISTS $SWIFT_TABLE, $PSQL_TABLE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

fresh_table() {
    sql -c "DROP TABLE IF EXISTS $1" -c "CREATE TABLE $1 (id bigint, device text, lat float8, lon float8, recorded_at timestamptz)"
}

now_ns() { date +%s%N; }

swift build -c release --product PostgresBench >/dev/null
BENCH="$(swift build -c release --show-bin-path)/PostgresBench"

# The same rows as benchmarks/PostgresBench/main.swift (PositionRows), written by psql as CSV.
sql -c "\\copy (SELECT i, 'device-' || (i % 5000), 45::float8 + (i % 10000)::float8 / 10000::float8,
    4::float8 + (i % 7000)::float8 / 10000::float8, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second'
    FROM generate_series(1, $ROWS) AS i) TO '$CSV' CSV"

best_swift=0
best_psql=0
for _ in $(seq "$ROUNDS"); do
    fresh_table "$PSQL_TABLE"
    start=$(now_ns)
    sql -c "\\copy $PSQL_TABLE (id, device, lat, lon, recorded_at) FROM '$CSV' CSV" >/dev/null
    elapsed=$(( $(now_ns) - start ))
    if (( best_psql == 0 || elapsed < best_psql )); then best_psql=$elapsed; fi

    fresh_table "$SWIFT_TABLE"
    start=$(now_ns)
    FIELDOPS_POSTGRES_URL="$DATABASE_URL" "$BENCH" --table "$SWIFT_TABLE" --rows "$ROWS" >/dev/null
    elapsed=$(( $(now_ns) - start ))
    if (( best_swift == 0 || elapsed < best_swift )); then best_swift=$elapsed; fi
done

differences=$(sql -c "SELECT (SELECT count(*) FROM (SELECT * FROM $SWIFT_TABLE EXCEPT ALL SELECT * FROM $PSQL_TABLE) a)
    + (SELECT count(*) FROM (SELECT * FROM $PSQL_TABLE EXCEPT ALL SELECT * FROM $SWIFT_TABLE) b)")
stored=$(sql -c "SELECT count(*) FROM $SWIFT_TABLE")

awk -v rows="$ROWS" -v rounds="$ROUNDS" -v swift="$best_swift" -v psql="$best_psql" -v diff="$differences" -v stored="$stored" 'BEGIN {
    s = swift / 1e9; p = psql / 1e9
    printf "PostgreSQL bulk load, %d rows (id, device, lat, lon, recorded_at), best of %d, wall time\n", rows, rounds
    printf "%-34s %10s %14s\n", "client", "seconds", "rows/s"
    printf "%-34s %10.3f %14.0f\n", "Swift copyIn (COPY BINARY)", s, rows / s
    printf "%-34s %10.3f %14.0f\n", "psql \\copy FROM CSV", p, rows / p
    printf "%-34s %10.2fx\n", "ratio Swift/psql (rows/s)", p / s
    printf "rows stored by Swift: %d; rows differing between the two tables: %d\n", stored, diff
    if (diff != 0 || stored != rows) exit 1
}'
