output "database_name" {
  description = "The tenant's database on its server."
  value       = "tenant_${local.identifier_part}"
}

output "role_name" {
  description = "The login role that owns the tenant's database."
  value       = "tenant_${local.identifier_part}_owner"
}

output "database_server" {
  description = "The server the tenant's database is placed on."
  value       = var.database_server
}

output "dns_record" {
  description = "The tenant's host name record: <slug>.<zone>, a CNAME to the ingress."
  value = {
    name   = var.slug
    fqdn   = "${var.slug}.${var.dns_zone}"
    type   = "CNAME"
    target = var.ingress_hostname
  }
}

output "storage_prefix" {
  description = "Object storage key prefix holding every object of the tenant (photos, reports, exports)."
  value       = "tenants/${var.slug}/"
}
