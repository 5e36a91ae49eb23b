variable "environment" {
  description = "dev, staging or prod: picks the names and the size profile."
  type        = string
}

variable "region" {
  description = "AWS region of the environment."
  type        = string
}

variable "dns_domain" {
  description = "Parent DNS domain (see the naming module)."
  type        = string
  default     = "fieldops360.example"
}

variable "vpc_cidr_block" {
  description = "The environment's VPC range; environments do not overlap, so they can be peered."
  type        = string
}

variable "public_api_access" {
  description = "Whether the Kubernetes API answers from the internet (dev only: elsewhere it is reached through the VPN)."
  type        = bool
  default     = false
}

variable "public_api_cidrs" {
  description = "Addresses allowed to reach the Kubernetes API where it is public (dev)."
  type        = list(string)
  default     = []
}

variable "ingress_hostname" {
  description = "Load balancer host name of the ingress controller (known once the chart is installed)."
  type        = string
}

variable "tenants" {
  description = "Tenants whose host names this environment serves, by slug, with the database server each is placed on."
  type        = map(object({ database_server = string }))
  default     = {}
}

variable "size_overrides" {
  description = "Values replacing the environment's size profile (see the sizing module)."
  type        = any
  default     = {}
}
