#!/usr/bin/env bash
# Smoke test of a deployed gateway: ready, and a report request accepted end to end (token checked,
# job stored, command confirmed by the broker). Used by the release pipeline after each deployment.
#
#   BASE_URL=https://api.staging.fieldops360.example NAMESPACE=fieldops-staging \
#     GATEWAY_DEPLOYMENT=fieldops-gateway scripts/deploy/smoke-test.sh
#
# The access token (site_lead of the smoke-test tenant, 5 minutes) is issued by fieldopsctl inside
# the gateway's pod, where the signing key lives: it never leaves the pipeline's memory. TOKEN
# can be given instead.
set -euo pipefail

: "${BASE_URL:?BASE_URL is the gateway URL}"
if [[ -z ${TOKEN:-} ]]; then
  : "${NAMESPACE:?NAMESPACE (with GATEWAY_DEPLOYMENT) is needed to issue a token}"
  : "${GATEWAY_DEPLOYMENT:?GATEWAY_DEPLOYMENT is the gateway Deployment that issues the token}"
  TOKEN=$(kubectl -n "$NAMESPACE" exec "deployment/$GATEWAY_DEPLOYMENT" -- \
    fieldopsctl token issue --subject release-smoke --role site_lead --tenant smoke-test --ttl-seconds 300)
fi
if [[ -n ${GITHUB_ACTIONS:-} ]]; then echo "::add-mask::$TOKEN"; fi

attempts=${SMOKE_READY_ATTEMPTS:-30}
for ((attempt = 1; ; attempt++)); do
  if curl -fsS --max-time 5 -o /dev/null "$BASE_URL/readyz"; then
    echo "smoke: $BASE_URL/readyz ready"
    break
  fi
  if ((attempt >= attempts)); then
    echo "smoke: $BASE_URL/readyz not ready after $attempts attempts" >&2
    exit 1
  fi
  sleep 2
done

today=$(date -u +%F)
status=$(curl -sS --max-time 10 -o /tmp/smoke-response.json -w '%{http_code}' \
  -X POST "$BASE_URL/v1/reports" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: smoke-$(date -u +%s)-$RANDOM" \
  --data "{\"report\":\"weekly\",\"format\":\"csv\",\"from\":\"$today\",\"to\":\"$today\"}")
if [[ $status != 202 ]]; then
  echo "smoke: POST /v1/reports answered $status, expected 202:" >&2
  cat /tmp/smoke-response.json >&2
  exit 1
fi
echo "smoke: POST /v1/reports accepted (202)"
