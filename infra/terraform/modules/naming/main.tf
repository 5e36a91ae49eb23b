# Naming conventions: every resource of an environment is called "<project>-<environment>-<part>",
# with a short region code where names must be unique across regions (buckets), and every resource
# carries the same tags.
locals {
  # eu-west-3 -> euw3: keeps globally unique names (buckets) short and readable.
  region_parts = split("-", var.region)
  region_code  = "${local.region_parts[0]}${substr(local.region_parts[1], 0, 1)}${local.region_parts[2]}"

  prefix = "${var.project}-${var.environment}"

  names = {
    vpc                 = "${local.prefix}-vpc"
    cluster             = "${local.prefix}-eks"
    node_group          = "${local.prefix}-nodes"
    postgresql          = "${local.prefix}-pg"
    redis               = "${local.prefix}-redis"
    rabbitmq            = "${local.prefix}-rabbitmq"
    kms_key_alias       = "alias/${local.prefix}"
    log_group           = "/${var.project}/${var.environment}"
    object_bucket       = "${local.prefix}-${local.region_code}-objects"
    kubernetes_ns       = "${var.project}-${var.environment}"
    helm_release_blue   = "${var.project}-blue"
    helm_release_green  = "${var.project}-green"
    terraform_state_key = "${var.environment}/terraform.tfstate"
  }

  dns_zone = var.environment == "prod" ? var.dns_domain : "${var.environment}.${var.dns_domain}"

  tags = {
    Project     = var.project
    Environment = var.environment
    Owner       = var.owner
    ManagedBy   = "terraform"
  }
}
