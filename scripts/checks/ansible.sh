#!/usr/bin/env bash
# Lints the Ansible roles of infra/ansible (ansible-lint, production profile; yamllint), then really
# runs site.yml against this machine twice, from an empty state, on ports of its own, with every file
# under .local/ansible-run: the second run must change nothing. It then probes each service, and
# stops everything it started, also when something failed.
# The platform's executables are deployed and run when a build exists (FIELDOPS_ANSIBLE_BUILD_DIR,
# else .build/release, else .build/debug); without one the fieldops role is skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD

VENV=$ROOT/.local/tools/ansible-venv
PIP_PACKAGES=(ansible-core==2.19.14 ansible-lint==26.10.1 yamllint==1.38.0)
RUN_DIR=$ROOT/.local/ansible-run
PASSWORD=fieldops-ansible-local # inventories/localhost/group_vars/all.yml
PG_PORT=27432 REDIS_PORT=27379 MANAGEMENT_PORT=27680 GATEWAY_PORT=27080

log() { echo "ansible: $*"; }

# PostgreSQL, Redis, RabbitMQ, curl and python3's venv: the project's installer (idempotent, quick when
# everything is there; make test has run it already).
scripts/install.sh >/dev/null
if ! command -v shellcheck >/dev/null; then
  log "installing shellcheck (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends shellcheck
fi
for requirement in "${PIP_PACKAGES[@]}"; do
  [[ $("$VENV/bin/python" -m pip show "${requirement%%==*}" 2>/dev/null | awk '/^Version:/ {print $2}') == "${requirement##*==}" ]] &&
    continue
  log "installing $requirement"
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
done

export PATH=$VENV/bin:$PATH
export ANSIBLE_CONFIG=$ROOT/infra/ansible/ansible.cfg ANSIBLE_HOME=$ROOT/.local/ansible-home ANSIBLE_NOCOLOR=1 NO_COLOR=1
export FIELDOPS_ANSIBLE_RUN_DIR=$RUN_DIR
cd infra/ansible

log "shellcheck, yamllint, ansible-lint"
shellcheck "$ROOT/scripts/checks/ansible.sh"
yamllint -s -c .yamllint.yml .
ansible-lint
ansible-playbook -i inventories/production --syntax-check site.yml stop.yml >/dev/null

skip=()
if [[ -z ${FIELDOPS_ANSIBLE_BUILD_DIR:-} ]]; then
  for build in "$ROOT/.build/release" "$ROOT/.build/debug"; do
    if [[ -x $build/gateway ]]; then export FIELDOPS_ANSIBLE_BUILD_DIR=$build; break; fi
  done
fi
if [[ -n ${FIELDOPS_ANSIBLE_BUILD_DIR:-} ]]; then
  log "deploying the executables of $FIELDOPS_ANSIBLE_BUILD_DIR"
else
  log "no build: the fieldops role is skipped"
  skip=(--skip-tags fieldops)
fi

playbook() { timeout 600 ansible-playbook -i inventories/localhost "$@"; }

stop_all() {
  playbook stop.yml >"$RUN_DIR.stop.log" 2>&1 || { log "stop failed:"; cat "$RUN_DIR.stop.log" >&2; }
  # epmd outlives the node; stop it only when no other node is registered with it.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then epmd -kill >/dev/null 2>&1 || true; fi
}

# From an empty state: whatever an interrupted run left is stopped and removed first.
[[ -d $RUN_DIR ]] && stop_all
rm -rf "$RUN_DIR"
install -d -m 755 "$RUN_DIR"
trap stop_all EXIT

log "first run"
playbook site.yml "${skip[@]}" >"$RUN_DIR/first-run.log" 2>&1 || { cat "$RUN_DIR/first-run.log" >&2; exit 1; }
grep -A3 '^PLAY RECAP' "$RUN_DIR/first-run.log"
log "second run (must change nothing)"
playbook site.yml "${skip[@]}" >"$RUN_DIR/second-run.log" 2>&1 || { cat "$RUN_DIR/second-run.log" >&2; exit 1; }
grep -A3 '^PLAY RECAP' "$RUN_DIR/second-run.log"
if ! grep -A3 '^PLAY RECAP' "$RUN_DIR/second-run.log" | grep -q ' changed=0 .* failed=0 '; then
  log "FAIL: the second run changed something:" >&2
  grep -E '^(changed|TASK)' "$RUN_DIR/second-run.log" | grep -B1 '^changed' >&2
  exit 1
fi

log "probing the services"
# The generated control scripts of the direct supervisor are shell too.
shellcheck "$RUN_DIR"/supervisor/*.ctl
[[ $(psql "postgresql://fieldops:$PASSWORD@127.0.0.1:$PG_PORT/fieldops_control" -XtAc 'SELECT 1') == 1 ]]
[[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping) == PONG ]]
queues=$(curl -fsS -u "fieldops:$PASSWORD" "http://127.0.0.1:$MANAGEMENT_PORT/api/queues?columns=name")
python3 - "$ROOT/topology/definitions.json" "$queues" <<'PY'
import json, sys
expected = {queue["name"] for queue in json.load(open(sys.argv[1]))["queues"]}
present = {queue["name"] for queue in json.loads(sys.argv[2])}
missing = sorted(expected - present)
if missing:
    sys.exit(f"ansible: queues missing on the broker: {', '.join(missing)}")
print(f"ansible: the broker holds the {len(expected)} queues of topology/definitions.json")
PY
if ((${#skip[@]} == 0)); then
  curl -fsS "http://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null
  log "gateway answers /healthz on $GATEWAY_PORT"
fi
log "all checks passed"
