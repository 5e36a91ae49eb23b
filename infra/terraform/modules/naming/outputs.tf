output "prefix" {
  description = "\"<project>-<environment>\", the start of every resource name."
  value       = local.prefix
}

output "region_code" {
  description = "Short region code (eu-west-3 -> euw3) used in globally unique names."
  value       = local.region_code
}

output "names" {
  description = "The name of each resource of the environment, by role."
  value       = local.names
}

output "dns_zone" {
  description = "The environment's DNS zone: the domain itself in prod, \"<environment>.<domain>\" elsewhere."
  value       = local.dns_zone
}

output "api_hostname" {
  description = "Public host name of the gateway."
  value       = "api.${local.dns_zone}"
}

output "tags" {
  description = "Tags every resource carries."
  value       = local.tags
}
