#!/usr/bin/env bash
# Notify benchmark: notifications per second through the notify worker's whole path, next to a
# plain sender doing the same network work, in the same run, to the same sinks:
#   ours  benchmarks/NotifyBench: COUNT notify.send commands on a scratch quorum queue, handled by
#         the notify worker's handler (inbox transaction, in-app entry + live push, then one mail to
#         the SMTP sink and one signed webhook per command); timed until all 2 × COUNT deliveries
#         are recorded as delivered
#   peer  scripts/bench/notify_peer.py: Python smtplib (one kept-open connection) and http.client
#         (keep-alive) sending the same mails and signed webhooks, with no queue, database or retry
# Sinks: scripts/smtp/sink.py (aiosmtpd) and the peer script's webhook receiver, both Python.
# Loopback only, bounded to 2 minutes; the scratch tenant and queue are removed on every exit.
#
#   scripts/bench/notify.sh [COUNT (2000)]
set -euo pipefail
# shellcheck source=/dev/null
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${1:-2000}
# The handler runs 64 messages at once, each about fifteen queries: the default of 4 connections per
# tenant made the database pool the bottleneck (93 notif/s against 208 with 16).
export FIELDOPS_TENANT_POOL_SIZE=${FIELDOPS_TENANT_POOL_SIZE:-16}
python=$FIELDOPS_VAR/tools/test-venv/bin/python
work=$(mktemp -d)
mkfifo "$work/hold"
sinks=()

cleanup() {
  # The sinks exit when their standard input (the fifo) closes, that is when fd 3 closes.
  exec 3>&-
  for pid in "${sinks[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product NotifyBench >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench=$(swift build -c release --show-bin-path 2>/dev/null)/NotifyBench

# Started before fd 3 exists, so no sink holds the fifo's write end itself.
"$python" scripts/smtp/sink.py "$work/ours.jsonl" <"$work/hold" >"$work/smtp-ours.port" &
sinks+=($!)
"$python" scripts/smtp/sink.py "$work/peer.jsonl" <"$work/hold" >"$work/smtp-peer.port" &
sinks+=($!)
"$python" scripts/bench/notify_peer.py receive <"$work/hold" >"$work/hook.port" &
sinks+=($!)
exec 3>"$work/hold"
for file in smtp-ours smtp-peer hook; do
  for _ in $(seq 100); do [[ -s $work/$file.port ]] && break; sleep 0.1; done
  [[ -s $work/$file.port ]] || { echo "the $file sink did not start" >&2; exit 1; }
done
hook="http://127.0.0.1:$(cat "$work/hook.port")/hook"

ours=$(timeout 100 "$bench" "$count" "$(cat "$work/smtp-ours.port")" "$hook") || { echo "NotifyBench failed: $ours" >&2; exit 1; }
peer=$(timeout 60 "$python" scripts/bench/notify_peer.py send "$count" "$(cat "$work/smtp-peer.port")" "$hook")
received=$(curl -s "$hook")

ours_rate=$(awk '{ print $2 }' <<<"$ours")
peer_rate=$(awk '{ print $2 }' <<<"$peer")
printf 'Notifications through the notify worker, %s commands, 1 mail + 1 signed webhook each, loopback\n' "$count"
printf '%-62s %12s %9s\n' "path" "notif/s" "seconds"
printf '%-62s %12s %9s\n' "notify worker (queue, inbox tx, in-app + push, SMTP, webhook)" "$ours_rate" "$(awk '{ print $3 }' <<<"$ours")"
printf '%-62s %12s %9s\n' "Python smtplib + http.client, same mails and webhooks" "$peer_rate" "$(awk '{ print $3 }' <<<"$peer")"
printf 'mails: ours %s, peer %s; webhooks received: %s (expected %s)\n' \
  "$(wc -l <"$work/ours.jsonl")" "$(wc -l <"$work/peer.jsonl")" "$received" "$((2 * count))"
awk -v a="$ours_rate" -v b="$peer_rate" 'BEGIN { printf "ours/peer: %.2f×\n", a / b }'
printf 'tenant pool: %s connections; load average: %s\n' "$FIELDOPS_TENANT_POOL_SIZE" "$(cut -d" " -f1-3 /proc/loadavg)"
