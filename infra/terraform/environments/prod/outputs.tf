output "platform" {
  description = "Names and endpoints of the environment (cluster, data stores, DNS, tenants)."
  value       = module.platform
}
