# Redis 7 for caches, rate-limit budgets and locks. TLS in transit and an AUTH token; the token is
# generated here and kept in Secrets Manager, from where the cluster's secret store syncs it into the
# FIELDOPS_REDIS_URL of the pods.
resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-clients"
  description = "Redis clients of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = toset(var.client_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Redis from the platform's pods"
  referenced_security_group_id = each.key
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

# Rotation: raise auth_token_version and apply; ElastiCache accepts old and new tokens during the
# rotation, so clients pick the new secret up without an outage.
resource "random_password" "auth" {
  length  = 48
  special = false
  keepers = {
    version = var.auth_token_version
  }
}

resource "aws_secretsmanager_secret" "auth" {
  # checkov:skip=CKV2_AWS_57: rotated by Terraform (auth_token_version), because ElastiCache must be told the new token in the same change
  name       = "${var.name}/auth-token"
  kms_key_id = var.kms_key_arn
  tags       = var.tags
}

resource "aws_secretsmanager_secret_version" "auth" {
  secret_id     = aws_secretsmanager_secret.auth.id
  secret_string = random_password.auth.result
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV2_AWS_50: dev runs one node by design (size profile); staging and prod have replicas and automatic failover
  replication_group_id = var.name
  description          = "FieldOps360 cache, rate limits and locks"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.node_type
  port                 = 6379

  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
  auth_token_update_strategy = "ROTATE"

  snapshot_retention_limit   = 7
  auto_minor_version_upgrade = true
  apply_immediately          = false

  tags = var.tags
}
