#!/usr/bin/env bash
# Throws malformed requests at the gateway for FUZZ_SECONDS (default 60) with scripts/fuzz/http_fuzz.py,
# then checks the process is alive and GET /healthz still answers 200. Exits non-zero otherwise.
# FUZZ_SEED replays a previous run's inputs.
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

SECONDS_TO_RUN=${FUZZ_SECONDS:-60}
WORK=$(mktemp -d /tmp/fieldops-http-fuzz.XXXXXX)
GATEWAY_PID=""

cleanup() {
    if [[ -n $GATEWAY_PID ]]; then kill "$GATEWAY_PID" 2>/dev/null || true; wait "$GATEWAY_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

swift build -c release --product gateway 2>&1 | tail -1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
FIELDOPS_GATEWAY_BIND=127.0.0.1 FIELDOPS_GATEWAY_PORT=$port .build/release/gateway > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done

echo "fuzzing 127.0.0.1:$port for ${SECONDS_TO_RUN}s"
python3 scripts/fuzz/http_fuzz.py 127.0.0.1 "$port" "$SECONDS_TO_RUN" ${FUZZ_SEED:+"$FUZZ_SEED"} | tee "$WORK/fuzz.txt"

alive=no
kill -0 "$GATEWAY_PID" 2>/dev/null && alive=yes
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
suspicious=$(tail -1 "$WORK/fuzz.txt" | python3 -c 'import json, sys; print(json.load(sys.stdin)["suspicious"])')
printf '\nprocess alive: %s   GET /healthz: %s   suspicious answers: %s   access-log lines: %s\n' \
    "$alive" "$health" "$suspicious" "$(grep -c '"msg":"request"' "$WORK/gateway.log" || true)"
[[ $alive == yes && $health == 200 && $suspicious == 0 ]]
