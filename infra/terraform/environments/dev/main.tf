locals {
  environment = "dev"
  region      = "eu-west-3"
}

module "platform" {
  source = "../../modules/platform"

  environment       = local.environment
  region            = local.region
  vpc_cidr_block    = "10.10.0.0/16"
  ingress_hostname  = var.ingress_hostname
  public_api_access = true
  public_api_cidrs  = var.office_cidrs
}
