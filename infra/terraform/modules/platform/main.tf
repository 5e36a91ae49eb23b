# One environment of FieldOps360: network, Kubernetes, PostgreSQL, Redis, RabbitMQ, object storage
# and DNS, named by the naming module and sized by the sizing module. Each environment root
# (environments/<name>) is this module with its own values, so the three differ only in data.
module "naming" {
  source = "../naming"

  environment = var.environment
  region      = var.region
  dns_domain  = var.dns_domain
}

module "sizing" {
  source = "../sizing"

  environment = var.environment
  overrides   = var.size_overrides
}

locals {
  names = module.naming.names
  size  = module.sizing.size
  tags  = module.naming.tags
}

data "aws_caller_identity" "current" {}

# The environment's key: storage, secrets and logs are encrypted with it.
data "aws_iam_policy_document" "kms" {
  # checkov:skip=CKV_AWS_109: a key policy's "*" resource is the key itself; the account statement is AWS's default one, letting IAM policies grant use of the key
  # checkov:skip=CKV_AWS_111: as above
  # checkov:skip=CKV_AWS_356: as above
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "CloudWatchLogsEncrypt"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "FieldOps360 ${var.environment}: data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  name          = local.names.kms_key_alias
  target_key_id = aws_kms_key.this.key_id
}

module "network" {
  source = "../network"

  name               = local.names.vpc
  cidr_block         = var.vpc_cidr_block
  availability_zones = [for letter in slice(["a", "b", "c"], 0, local.size.availability_zones) : "${var.region}${letter}"]
  cluster_name       = local.names.cluster
  kms_key_arn        = aws_kms_key.this.arn
  log_retention_days = local.size.log_retention_days
  tags               = local.tags
}

module "kubernetes" {
  source = "../kubernetes"

  cluster_name        = local.names.cluster
  node_group_name     = local.names.node_group
  subnet_ids          = module.network.private_subnet_ids
  public_api_access   = var.public_api_access
  public_api_cidrs    = var.public_api_cidrs
  kms_key_arn         = aws_kms_key.this.arn
  log_retention_days  = local.size.log_retention_days
  node_instance_types = local.size.node_instance_types
  node_min_count      = local.size.node_min_count
  node_desired_count  = local.size.node_desired_count
  node_max_count      = local.size.node_max_count
  tags                = local.tags
}

module "postgresql" {
  source = "../postgresql"

  identifier                = local.names.postgresql
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.kubernetes.cluster_security_group_id]
  instance_class            = local.size.postgresql_instance_class
  storage_gb                = local.size.postgresql_storage_gb
  max_storage_gb            = local.size.postgresql_max_storage_gb
  multi_az                  = local.size.postgresql_multi_az
  backup_retention_days     = local.size.postgresql_backup_days
  deletion_protection       = local.size.deletion_protection
  kms_key_arn               = aws_kms_key.this.arn
  tags                      = local.tags
}

module "redis" {
  source = "../redis"

  name                      = local.names.redis
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.kubernetes.cluster_security_group_id]
  node_type                 = local.size.redis_node_type
  replicas                  = local.size.redis_replicas
  kms_key_arn               = aws_kms_key.this.arn
  tags                      = local.tags
}

module "rabbitmq" {
  source = "../rabbitmq"

  name       = local.names.rabbitmq
  namespace  = local.names.kubernetes_ns
  replicas   = local.size.rabbitmq_replicas
  storage_gb = local.size.rabbitmq_storage_gb
  memory     = local.size.rabbitmq_memory
}

module "object_storage" {
  source = "../object_storage"

  bucket_name             = local.names.object_bucket
  kms_key_arn             = aws_kms_key.this.arn
  noncurrent_version_days = local.size.object_noncurrent_days
  tags                    = local.tags
}

module "tenant" {
  source   = "../tenant"
  for_each = var.tenants

  slug             = each.key
  dns_zone         = module.naming.dns_zone
  ingress_hostname = var.ingress_hostname
  database_server  = each.value.database_server
}

module "dns" {
  source = "../dns"

  zone_name        = module.naming.dns_zone
  api_hostname     = module.naming.api_hostname
  ingress_hostname = var.ingress_hostname
  tenant_records   = { for slug, tenant in module.tenant : slug => tenant.dns_record }
  tags             = local.tags
}
