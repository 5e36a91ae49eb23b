#!/usr/bin/env bash
# One command to give a new customer company its own FieldOps360 tenant on Kubernetes:
#
#   scripts/deploy/tenant.sh <slug> --name "…" --sector btp|electrical|public_works --admin-email … \
#     --host <slug>.fieldops360.example [--namespace fieldops] [--release fieldops] [--dry-run]
#
# Steps, each printed with its duration: the tenant's values file; the tenant chart (ingress with its
# DNS record through external-dns, certificate through cert-manager, and the provisioning Job that runs
# `fieldopsctl tenant create`: database and role on a placed server, migrations, the sector's reference
# data, the invited admin); the wait for the Job; its report, with the admin's invite token.
# --dry-run renders the tenant's objects and checks them without a cluster (scripts/checks/helm.sh runs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 1 && $1 != -* ]] || usage
slug=$1
shift
name="" sector="" email="" host="" namespace=fieldops release=fieldops dry_run=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --name) name=$2; shift 2 ;;
    --sector) sector=$2; shift 2 ;;
    --admin-email) email=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    --release) release=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) usage ;;
  esac
done
[[ $slug =~ ^[a-z][a-z0-9-]{1,40}$ ]] || { echo "tenant: '$slug' is not a slug (a-z, 0-9, -)" >&2; exit 2; }
[[ -n $name && -n $email && -n $host ]] || usage
case $sector in btp | electrical | public_works) ;; *) echo "tenant: --sector is btp, electrical or public_works" >&2; exit 2 ;; esac

step_started=0
step() { step_started=$(date +%s%N); printf '%-34s' "$1"; }
done_step() { printf 'done   %5d ms  %s\n' $((($(date +%s%N) - step_started) / 1000000)) "${1:-}"; }

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
values=$workdir/$slug.yaml

step "values"
cat >"$values" <<VALUES
tenant:
  slug: "$slug"
  name: "$name"
  sector: "$sector"
  adminEmail: "$email"
platform:
  release: "$release"
  gatewayService: "$release-gateway"
ingress:
  host: "$host"
VALUES
done_step "$values"

chart=charts/fieldops-tenant
if $dry_run; then
  step "render (helm template)"
  helm template "tenant-$slug" "$chart" --namespace "$namespace" -f "$values" >"$workdir/manifests.yaml"
  done_step "$(grep -c '^kind:' "$workdir/manifests.yaml") objects"
  # The chart itself is validated by scripts/checks/helm.sh; here: this tenant's objects are all there.
  for kind in Ingress Certificate Job; do
    grep -q "^kind: $kind" "$workdir/manifests.yaml" || { echo "tenant: no $kind rendered" >&2; exit 1; }
  done
  grep -q "external-dns.alpha.kubernetes.io/hostname: \"$host\"" "$workdir/manifests.yaml" || { echo "tenant: no DNS record for $host" >&2; exit 1; }
  grep -q -- "- \"$slug\"" "$workdir/manifests.yaml" || { echo "tenant: the provisioning job does not name $slug" >&2; exit 1; }
  echo "tenant $slug: rendered (dry run: nothing applied)"
  exit 0
fi

step "chart (ingress, DNS, certificate)"
helm upgrade --install "tenant-$slug" "$chart" --namespace "$namespace" -f "$values" >/dev/null
done_step "release tenant-$slug in $namespace"

step "provisioning job"
kubectl --namespace "$namespace" wait --for=condition=complete "job/tenant-$slug-provision" --timeout=300s >/dev/null
done_step

step "certificate"
kubectl --namespace "$namespace" wait --for=condition=Ready "certificate/tenant-$slug" --timeout=300s >/dev/null || echo "(not ready yet: cert-manager keeps trying)"
done_step

echo "provisioning report:"
kubectl --namespace "$namespace" logs "job/tenant-$slug-provision" | sed 's/^/  /'
echo "tenant $slug: https://$host"
