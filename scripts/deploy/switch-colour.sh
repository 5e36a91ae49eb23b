#!/usr/bin/env bash
# Blue/green traffic switch for production: the live Service (and so the Ingress in front of it)
# selects the gateway pods of one Helm release, fieldops-blue or fieldops-green. Switching changes
# only that selector, so it is instant, and the other colour keeps running for a one-command rollback.
#
#   scripts/deploy/switch-colour.sh status   [--namespace NS]   # the live colour
#   scripts/deploy/switch-colour.sh idle     [--namespace NS]   # the colour to deploy the next release to
#   scripts/deploy/switch-colour.sh to COLOUR [--namespace NS]  # send traffic to blue|green
#   scripts/deploy/switch-colour.sh rollback [--namespace NS]   # send traffic back to the previous colour
#
# Needs kubectl with access to the namespace. Refuses to switch to a colour with no ready gateway.
set -euo pipefail

SERVICE=${FIELDOPS_LIVE_SERVICE:-fieldops-live}
NAMESPACE=${FIELDOPS_NAMESPACE:-fieldops-prod}
INSTANCE_LABEL=app.kubernetes.io/instance
PREVIOUS_ANNOTATION=fieldops360.io/previous-colour

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

live_colour() {
  local instance
  instance=$(kubectl -n "$NAMESPACE" get service "$SERVICE" -o "jsonpath={.spec.selector.app\.kubernetes\.io/instance}")
  [[ $instance == fieldops-blue || $instance == fieldops-green ]] || {
    echo "switch-colour: service $SERVICE selects '$instance', not fieldops-blue or fieldops-green" >&2
    exit 1
  }
  echo "${instance#fieldops-}"
}

other_colour() {
  if [[ $1 == blue ]]; then echo green; else echo blue; fi
}

ready_gateways() {
  kubectl -n "$NAMESPACE" get deployment \
    -l "$INSTANCE_LABEL=fieldops-$1,app.kubernetes.io/component=gateway" \
    -o 'jsonpath={range .items[*]}{.status.readyReplicas}{"\n"}{end}' | awk '{ total += $1 } END { print total + 0 }'
}

switch_to() {
  local target=$1 current ready
  [[ $target == blue || $target == green ]] || { echo "switch-colour: colour must be blue or green, not '$target'" >&2; exit 2; }
  current=$(live_colour)
  if [[ $target == "$current" ]]; then
    echo "switch-colour: $target is already live in $NAMESPACE"
    return
  fi
  ready=$(ready_gateways "$target")
  if ((ready == 0)); then
    echo "switch-colour: fieldops-$target has no ready gateway pod in $NAMESPACE; not switching" >&2
    exit 1
  fi
  kubectl -n "$NAMESPACE" patch service "$SERVICE" --type merge -p "{
    \"metadata\": {\"annotations\": {\"$PREVIOUS_ANNOTATION\": \"$current\"}},
    \"spec\": {\"selector\": {\"$INSTANCE_LABEL\": \"fieldops-$target\"}}
  }" >/dev/null
  echo "switch-colour: $NAMESPACE now serves fieldops-$target ($ready ready gateway pods); fieldops-$current kept for rollback"
}

command=${1:-}
[[ -n $command ]] || usage
shift
target=""
if [[ $command == to ]]; then
  target=${1:-}
  [[ -n $target ]] || usage
  shift
fi
while (($#)); do
  case $1 in
    --namespace) NAMESPACE=${2:?--namespace needs a value}; shift 2 ;;
    *) usage ;;
  esac
done

case $command in
  status) live_colour ;;
  idle) other_colour "$(live_colour)" ;;
  to) switch_to "$target" ;;
  rollback)
    previous=$(kubectl -n "$NAMESPACE" get service "$SERVICE" -o "jsonpath={.metadata.annotations.fieldops360\.io/previous-colour}")
    [[ -n $previous ]] || { echo "switch-colour: no previous colour recorded on $SERVICE" >&2; exit 1; }
    switch_to "$previous"
    ;;
  *) usage ;;
esac
