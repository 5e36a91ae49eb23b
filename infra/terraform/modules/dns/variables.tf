variable "zone_name" {
  description = "The environment's DNS zone (naming module output dns_zone)."
  type        = string
}

variable "api_hostname" {
  description = "The gateway's host name."
  type        = string
}

variable "ingress_hostname" {
  description = "The load balancer host name of the cluster's ingress."
  type        = string
}

variable "tenant_records" {
  description = "Tenant host names, by slug: the tenant module's dns_record output."
  type = map(object({
    name   = string
    fqdn   = string
    type   = string
    target = string
  }))
  default = {}
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
}
