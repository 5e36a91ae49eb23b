output "size" {
  description = "The environment's size profile, with the overrides applied."
  value       = local.size
}

output "highly_available" {
  description = "True when every stateful service survives the loss of one zone."
  value       = local.size.availability_zones >= 3 && local.size.postgresql_multi_az && local.size.redis_replicas >= 1 && local.size.rabbitmq_replicas >= 3
}
