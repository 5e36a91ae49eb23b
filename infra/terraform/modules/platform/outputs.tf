output "cluster_name" {
  description = "EKS cluster of the environment."
  value       = module.kubernetes.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API server URL."
  value       = module.kubernetes.endpoint
}

output "cluster_certificate_authority" {
  description = "Kubernetes API server CA (base64 PEM)."
  value       = module.kubernetes.certificate_authority
}

output "namespace" {
  description = "Namespace of the platform's pods (Helm releases fieldops-blue / fieldops-green)."
  value       = local.names.kubernetes_ns
}

output "api_hostname" {
  description = "Public host name of the gateway."
  value       = module.naming.api_hostname
}

output "postgresql_address" {
  description = "PostgreSQL server host name."
  value       = module.postgresql.address
}

output "postgresql_admin_secret_arn" {
  description = "Secret with the PostgreSQL admin credentials."
  value       = module.postgresql.master_user_secret_arn
}

output "redis_endpoint" {
  description = "Redis primary host name (TLS)."
  value       = module.redis.primary_endpoint
}

output "redis_auth_secret_arn" {
  description = "Secret with the Redis AUTH token."
  value       = module.redis.auth_token_secret_arn
}

output "amqp_host" {
  description = "In-cluster AMQP host name."
  value       = module.rabbitmq.amqp_host
}

output "object_bucket" {
  description = "Object storage bucket."
  value       = module.object_storage.bucket
}

output "dns_name_servers" {
  description = "Name servers to delegate the environment's zone to."
  value       = module.dns.name_servers
}

output "tenants" {
  description = "Each tenant's database, role, host name and storage prefix."
  value       = module.tenant
}
