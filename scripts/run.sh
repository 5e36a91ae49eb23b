#!/usr/bin/env bash
# Starts the platform's processes (release build) in the background against the local services,
# with pid files and logs under $FIELDOPS_VAR, and waits until each answers /healthz.
#
#   scripts/run.sh [start|stop|status] [process ...]
#
# With process names (e.g. `start gps-worker`), only those are started or stopped, and `start` skips
# the migrations and the demo tenant (used to bring one process back after it died).
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FIELDOPS_ROOT"

RUN_DIR=$FIELDOPS_VAR/run
LOG_DIR=$FIELDOPS_VAR/log
BIN_DIR=$(swift build -c release --show-bin-path)

# name:health-port — every process serves /healthz on its HTTP (or admin) port; a worker is told its
# admin port through FIELDOPS_WORKER_ADMIN_PORT.
PROCESSES=(
  "gateway:$FIELDOPS_GATEWAY_PORT" "gps-ingest:$FIELDOPS_OSMAND_PORT"
  "gps-worker:$FIELDOPS_GPS_WORKER_ADMIN_PORT" "photo-worker:$FIELDOPS_PHOTO_WORKER_ADMIN_PORT"
  "notify-worker:$FIELDOPS_NOTIFY_WORKER_ADMIN_PORT" "reports-worker:$FIELDOPS_REPORTS_WORKER_ADMIN_PORT"
  "scheduler-worker:$FIELDOPS_SCHEDULER_WORKER_ADMIN_PORT"
)

log() { echo "run: $*"; }

# True when no process was named, or when $1 is one of those named.
is_selected() {
  ((${#selected[@]})) || return 0
  local name
  for name in "${selected[@]}"; do [[ $name == "$1" ]] && return 0; done
  return 1
}

is_running() { [[ -s $RUN_DIR/$1.pid ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

prepare() {
  "$BIN_DIR/fieldopsctl" migrate control
  # A demo tenant to try the platform with (idempotent: a rerun changes nothing).
  "$BIN_DIR/fieldopsctl" tenant create demo --name "Démo BTP" --sector btp --admin-email admin@demo.fieldops.local
  "$BIN_DIR/fieldopsctl" tenant migrate --all
  # Drift is reported, not fatal: a queue left by an interrupted test run must not stop the platform.
  "$BIN_DIR/fieldopsctl" topology check || log "warning: the broker differs from topology/definitions.json (see above)"
}

start() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  ((${#selected[@]})) || prepare
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%:*} port=${entry##*:}
    is_selected "$name" || continue
    if is_running "$name"; then log "$name already running (pid $(cat "$RUN_DIR/$name.pid"))"; continue; fi
    FIELDOPS_WORKER_ADMIN_PORT=$port nohup "$BIN_DIR/$name" >>"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
    local deadline=$((SECONDS + 30))
    until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
      if ! is_running "$name" || ((SECONDS >= deadline)); then
        log "$name did not come up; last log lines:"; tail -n 20 "$LOG_DIR/$name.log" >&2; exit 1
      fi
      sleep 0.2
    done
    log "$name up on http://127.0.0.1:$port (log: $LOG_DIR/$name.log)"
  done
  if ((${#selected[@]} == 0)); then
    start_report_schedule
    log "platform up — stop it with: make stop"
  fi
}

# The local stand-in for the chart's CronJobs: every hour, yesterday's daily reports and the last
# full week's and month's (job ids come from tenant, report and period, so each is submitted once).
start_report_schedule() {
  if is_running report-schedule; then return; fi
  # Its own session, so stopping it also stops the sleep it is in.
  setsid nohup bash -c "while true; do for cadence in daily weekly monthly; do '$BIN_DIR/fieldopsctl' reports schedule --\$cadence; done; sleep 3600; done" \
    >>"$LOG_DIR/report-schedule.log" 2>&1 &
  echo $! >"$RUN_DIR/report-schedule.pid"
  log "report schedule running hourly (log: $LOG_DIR/report-schedule.log)"
}

stop() {
  if ((${#selected[@]} == 0)) && is_running report-schedule; then
    kill -TERM -- "-$(cat "$RUN_DIR/report-schedule.pid")"
    rm -f "$RUN_DIR/report-schedule.pid"
  fi
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%:*}
    if ! is_selected "$name" || ! is_running "$name"; then continue; fi
    local pid
    pid=$(cat "$RUN_DIR/$name.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$RUN_DIR/$name.pid"
    log "$name stopped"
  done
}

status() {
  for entry in "${PROCESSES[@]}"; do
    local name=${entry%%:*}
    if is_running "$name"; then log "$name running (pid $(cat "$RUN_DIR/$name.pid"))"; else log "$name stopped"; fi
  done
}

action=${1:-start}
shift || true
selected=("$@")

case $action in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 [start|stop|status] [process ...]" >&2; exit 2 ;;
esac
