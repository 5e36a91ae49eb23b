# shellcheck shell=bash
# Local platform settings: ports, folders and connection URLs. Sourced by every script; any value
# can be overridden from the environment (e.g. FIELDOPS_PG_PORT=6432 make test).
FIELDOPS_ROOT=${FIELDOPS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export FIELDOPS_ROOT
export FIELDOPS_VAR=${FIELDOPS_VAR:-$FIELDOPS_ROOT/.local}

# Below 32768: the kernel hands out ports from 32768 up to outgoing connections, and one of those
# holding a service port would make that service fail to start (or to restart).
export FIELDOPS_PG_PORT=${FIELDOPS_PG_PORT:-25432}
export FIELDOPS_PG_B_PORT=${FIELDOPS_PG_B_PORT:-25433}
export FIELDOPS_REDIS_PORT=${FIELDOPS_REDIS_PORT:-26379}
export FIELDOPS_AMQP_PORT=${FIELDOPS_AMQP_PORT:-25672}
export FIELDOPS_AMQP_DIST_PORT=${FIELDOPS_AMQP_DIST_PORT:-25673}
export FIELDOPS_AMQP_MANAGEMENT_PORT=${FIELDOPS_AMQP_MANAGEMENT_PORT:-25680}
export FIELDOPS_MQTT_PORT=${FIELDOPS_MQTT_PORT:-21883}
# SeaweedFS: S3 on FIELDOPS_S3_PORT; its master, volume and filer use the seven ports from the base up.
export FIELDOPS_S3_PORT=${FIELDOPS_S3_PORT:-28333}
export FIELDOPS_SEAWEED_BASE_PORT=${FIELDOPS_SEAWEED_BASE_PORT:-28340}
export FIELDOPS_RABBITMQ_NODE=${FIELDOPS_RABBITMQ_NODE:-fieldops@localhost}
export FIELDOPS_SERVICE_USER=${FIELDOPS_SERVICE_USER:-fieldops}
export FIELDOPS_SERVICE_PASSWORD=${FIELDOPS_SERVICE_PASSWORD:-fieldops-local}

export FIELDOPS_POSTGRES_URL=${FIELDOPS_POSTGRES_URL:-postgresql://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_PG_PORT/fieldops_control}
export FIELDOPS_TEST_POSTGRES_URL=${FIELDOPS_TEST_POSTGRES_URL:-postgresql://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_PG_PORT/fieldops_test}
# The PostgreSQL servers tenants are placed on, name=admin-URL (a superuser: it creates roles and
# databases). The control plane records each server's host, port and capacity, never this password.
export FIELDOPS_DATABASE_SERVERS=${FIELDOPS_DATABASE_SERVERS:-pg-a=postgresql://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_PG_PORT/postgres,pg-b=postgresql://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_PG_B_PORT/postgres}
# 32 bytes in hex sealing tenant database passwords in the control plane (libsodium secretbox).
export FIELDOPS_TENANT_SECRETS_KEY=${FIELDOPS_TENANT_SECRETS_KEY:-$(printf "fieldops-tenant-secrets-local-dv" | od -An -tx1 | tr -d " \\n")}
export FIELDOPS_AMQP_URL=${FIELDOPS_AMQP_URL:-amqp://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_AMQP_PORT/%2F}
export FIELDOPS_REDIS_URL=${FIELDOPS_REDIS_URL:-redis://127.0.0.1:$FIELDOPS_REDIS_PORT/0}
export FIELDOPS_GATEWAY_PORT=${FIELDOPS_GATEWAY_PORT:-8080}
# Admin ports (/healthz /readyz /metrics) of the workers `make run` starts; the OsmAnd endpoint of
# gps-ingest serves its own /healthz.
export FIELDOPS_PHOTO_WORKER_ADMIN_PORT=${FIELDOPS_PHOTO_WORKER_ADMIN_PORT:-29091}
export FIELDOPS_GPS_WORKER_ADMIN_PORT=${FIELDOPS_GPS_WORKER_ADMIN_PORT:-29092}
export FIELDOPS_NOTIFY_WORKER_ADMIN_PORT=${FIELDOPS_NOTIFY_WORKER_ADMIN_PORT:-29093}
export FIELDOPS_REPORTS_WORKER_ADMIN_PORT=${FIELDOPS_REPORTS_WORKER_ADMIN_PORT:-29094}
export FIELDOPS_SCHEDULER_WORKER_ADMIN_PORT=${FIELDOPS_SCHEDULER_WORKER_ADMIN_PORT:-29095}
export FIELDOPS_OSMAND_PORT=${FIELDOPS_OSMAND_PORT:-5055}
export FIELDOPS_AMQP_MANAGEMENT_URL=${FIELDOPS_AMQP_MANAGEMENT_URL:-http://$FIELDOPS_SERVICE_USER:$FIELDOPS_SERVICE_PASSWORD@127.0.0.1:$FIELDOPS_AMQP_MANAGEMENT_PORT}
export FIELDOPS_TOKEN_SIGNING_SEED=${FIELDOPS_TOKEN_SIGNING_SEED:-$(printf "fieldops-local-development-only!" | od -An -tx1 | tr -d " \\n")}
# Blob store: `filesystem` (under FIELDOPS_BLOB_ROOT) or `s3` (the local SeaweedFS by default).
export FIELDOPS_BLOB_STORE=${FIELDOPS_BLOB_STORE:-filesystem}
export FIELDOPS_BLOB_ROOT=${FIELDOPS_BLOB_ROOT:-$FIELDOPS_VAR/blobs}
export FIELDOPS_S3_ENDPOINT=${FIELDOPS_S3_ENDPOINT:-http://127.0.0.1:$FIELDOPS_S3_PORT}
export FIELDOPS_S3_BUCKET=${FIELDOPS_S3_BUCKET:-fieldops-local}
export FIELDOPS_S3_REGION=${FIELDOPS_S3_REGION:-us-east-1}
export FIELDOPS_S3_ACCESS_KEY_ID=${FIELDOPS_S3_ACCESS_KEY_ID:-fieldops}
export FIELDOPS_S3_SECRET_ACCESS_KEY=${FIELDOPS_S3_SECRET_ACCESS_KEY:-fieldops-local-s3-secret}
