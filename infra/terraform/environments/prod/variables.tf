variable "ingress_hostname" {
  description = "Load balancer host name of the ingress controller, known once the chart is installed."
  type        = string
}

variable "tenants" {
  description = "Production tenants served under their own host name, by slug (from tenants.auto.tfvars)."
  type        = map(object({ database_server = string }))
  default     = {}
}
