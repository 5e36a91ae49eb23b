#!/usr/bin/env bash
# Throughput of the gateway's GET /healthz against nginx answering the same body, both measured
# by wrk with the same settings in the same run, on loopback. Prints req/s, p50/p99 and the ratio.
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

DURATION=${HTTP_BENCH_DURATION:-10s}
CONNECTIONS=${HTTP_BENCH_CONNECTIONS:-64}
ROUNDS=${HTTP_BENCH_ROUNDS:-2}
WORK=$(mktemp -d /tmp/fieldops-http-bench.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$1" && return 0
        sleep 0.1
    done
    echo "no answer from $1" >&2
    exit 1
}

# Prints "<req/s> <p50> <p99>" from wrk --latency output.
measure() {
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" > "$WORK/wrk.txt"
    awk '/Requests\/sec:/ {rps = $2} /^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2} END {print rps, p50, p99}' "$WORK/wrk.txt"
}

swift build -c release --product gateway 2>&1 | tail -1

gateway_port=$(free_port)
# Warnings only: one JSON access-log line per request would measure stdout, and nginx logs nothing either.
FIELDOPS_GATEWAY_BIND=127.0.0.1 FIELDOPS_GATEWAY_PORT=$gateway_port FIELDOPS_GATEWAY_LOG_LEVEL=warning \
    .build/release/gateway > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)

nginx_port=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        location = /healthz {
            default_type application/json;
            return 200 '{"status":"ok"}';
        }
    }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)

wait_for "http://127.0.0.1:$gateway_port/healthz"
wait_for "http://127.0.0.1:$nginx_port/healthz"
[[ $(curl -fs "http://127.0.0.1:$gateway_port/healthz") == "$(curl -fs "http://127.0.0.1:$nginx_port/healthz")" ]] \
    || { echo "bodies differ" >&2; exit 1; }

# The machine is shared: alternate the two servers and keep each one's best round, so a burst of
# load from elsewhere does not decide the ratio.
gw_rps=0 nx_rps=0
for _ in $(seq 1 "$ROUNDS"); do
    read -r rps p50 p99 <<< "$(measure "http://127.0.0.1:$gateway_port/healthz")"
    if awk -v a="$rps" -v b="$gw_rps" 'BEGIN {exit !(a > b)}'; then gw_rps=$rps gw_p50=$p50 gw_p99=$p99; fi
    read -r rps p50 p99 <<< "$(measure "http://127.0.0.1:$nginx_port/healthz")"
    if awk -v a="$rps" -v b="$nx_rps" 'BEGIN {exit !(a > b)}'; then nx_rps=$rps nx_p50=$p50 nx_p99=$p99; fi
done

printf '\nGET /healthz, wrk -t2 -c%s -d%s, best of %s alternating rounds, loopback\n' "$CONNECTIONS" "$DURATION" "$ROUNDS"
printf 'gateway: %s MHD threads; nginx: 2 workers\n' "${FIELDOPS_GATEWAY_THREADS:-2}"
printf '%-10s %12s %10s %10s\n' "server" "req/s" "p50" "p99"
printf '%-10s %12s %10s %10s\n' "gateway" "$gw_rps" "$gw_p50" "$gw_p99"
printf '%-10s %12s %10s %10s\n' "nginx" "$nx_rps" "$nx_p50" "$nx_p99"
awk -v g="$gw_rps" -v n="$nx_rps" 'BEGIN {printf "ratio gateway/nginx: %.0f%% (target >= 50%%)\n", 100 * g / n}'
