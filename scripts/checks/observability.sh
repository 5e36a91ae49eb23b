#!/usr/bin/env bash
# Validates observability/: the Prometheus configurations and rules (promtool check and unit tests),
# the Alertmanager configuration and routing (amtool), every YAML file (yamllint), the Grafana
# dashboards (structure; every PromQL expression parsed by promtool) and, through
# observability/tools/check.py, alert metadata, runbook links and the series every query reads.
# Installs what is missing from Debian; exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OBSERVABILITY=observability
PROMETHEUS_DIR=$OBSERVABILITY/prometheus
TOOLS=.local/tools/debian
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# promtool and amtool come from the files of Debian's packages, unpacked under .local/tools:
# installing the packages would also start a Prometheus (port 9090, the workers' admin port) and an
# Alertmanager wherever no policy forbids starting services, which a check must never do.
find_tool() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  elif [[ -x $TOOLS/usr/bin/$1 ]]; then
    echo "$TOOLS/usr/bin/$1"
  fi
}

apt_updated=false
apt_update_once() {
  if [[ $apt_updated == false ]]; then
    apt-get update -qq
    apt_updated=true
  fi
}

if [[ -z $(find_tool promtool) || -z $(find_tool amtool) ]]; then
  echo "observability: unpacking promtool and amtool from Debian's prometheus and prometheus-alertmanager"
  apt_update_once
  # apt downloads as its unprivileged user where there is one.
  if id _apt >/dev/null 2>&1; then chown _apt "$WORK"; fi
  (cd "$WORK" && apt-get download -qq prometheus prometheus-alertmanager)
  mkdir -p "$TOOLS"
  for package in "$WORK"/*.deb; do dpkg-deb -x "$package" "$TOOLS"; done
  rm -f "$WORK"/*.deb
fi
# yamllint also brings python3-yaml, which check.py reads YAML with.
if ! command -v yamllint >/dev/null 2>&1; then
  echo "observability: installing yamllint"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends yamllint >/dev/null
fi
PROMTOOL=$(find_tool promtool)
AMTOOL=$(find_tool amtool)
CHECK=(python3 "$OBSERVABILITY/tools/check.py")

echo "observability: yamllint"
yamllint -s -c "$OBSERVABILITY/.yamllint.yml" "$OBSERVABILITY"

echo "observability: promtool check config"
"$PROMTOOL" check config "$PROMETHEUS_DIR/prometheus.local.yml"
# Debian builds promtool without Kubernetes discovery: check.py checks those blocks itself and
# hands promtool the rest (scrape settings, relabelling, rule files).
"${CHECK[@]}" prometheus-config "$PROMETHEUS_DIR/prometheus.yml" "$WORK/prometheus.yml"
"$PROMTOOL" check config "$WORK/prometheus.yml"

echo "observability: promtool check rules, alert metadata and runbook links"
"$PROMTOOL" check rules "$PROMETHEUS_DIR"/rules/*.yml
"${CHECK[@]}" rules --operations docs/operations.md "$PROMETHEUS_DIR"/rules/*.yml

echo "observability: promtool test rules"
"$PROMTOOL" test rules "$PROMETHEUS_DIR"/tests/*.yml

echo "observability: amtool check-config and routing"
ALERTMANAGER_CONFIG=$OBSERVABILITY/alertmanager/alertmanager.yml
"$AMTOOL" check-config "$ALERTMANAGER_CONFIG"
expect_route() {
  local expected=$1 receiver
  shift
  # amtool warns on standard error that it reads no server, which is the point here.
  receiver=$("$AMTOOL" config routes test --config.file="$ALERTMANAGER_CONFIG" "$@" 2>"$WORK/amtool.err")
  if [[ $receiver != "$expected" ]]; then
    cat "$WORK/amtool.err" >&2
    echo "observability: alert {$*} goes to '$receiver', expected '$expected'" >&2
    exit 1
  fi
}
expect_route platform-pagerduty alertname=WorkerNotConsuming severity=critical queue=fieldops.photo
expect_route platform-email alertname=WorkerQueueBacklogGrowing severity=warning queue=fieldops.photo

echo "observability: grafana dashboards"
"${CHECK[@]}" dashboards --rules-out "$WORK/dashboards.rules.yml" --rules-dir "$PROMETHEUS_DIR/rules" \
  "$OBSERVABILITY"/grafana/dashboards/*.json
"$PROMTOOL" check rules "$WORK/dashboards.rules.yml"

echo "observability: all checks passed"
