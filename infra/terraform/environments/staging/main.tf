locals {
  environment = "staging"
  region      = "eu-west-3"
}

module "platform" {
  source = "../../modules/platform"

  environment      = local.environment
  region           = local.region
  vpc_cidr_block   = "10.20.0.0/16"
  ingress_hostname = var.ingress_hostname
  tenants = {
    "demo-btp" = { database_server = "pg-a" }
  }
}
