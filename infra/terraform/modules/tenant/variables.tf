variable "slug" {
  description = "The tenant's slug, as `fieldopsctl tenant create` takes it (acme-btp)."
  type        = string

  # The same rule as TenantSlug in Sources/Tenancy: database and role names derive from the slug.
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,39}$", var.slug))
    error_message = "slug must be 3 to 40 characters: a lower-case letter first, then a-z, 0-9 or '-'."
  }
  # The slug is also the tenant's DNS label, which cannot end with a hyphen.
  validation {
    condition     = !endswith(var.slug, "-")
    error_message = "slug must not end with '-': it is also the tenant's DNS label."
  }
}

variable "dns_zone" {
  description = "The environment's DNS zone (naming module output dns_zone)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.dns_zone))
    error_message = "dns_zone must be a lower-case DNS name."
  }
}

variable "ingress_hostname" {
  description = "Host name the tenant's record points to (the environment's ingress)."
  type        = string
}

variable "database_server" {
  description = "Name of the PostgreSQL server the tenant is placed on, as listed in FIELDOPS_DATABASE_SERVERS."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.database_server))
    error_message = "database_server must be a server name such as pg-a."
  }
}
