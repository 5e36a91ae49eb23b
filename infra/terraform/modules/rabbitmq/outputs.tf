output "amqp_host" {
  description = "In-cluster host name of the broker's AMQP Service."
  value       = "${var.name}.${var.namespace}.svc"
}

output "default_user_secret" {
  description = "Secret (in the broker's namespace) the operator fills with the admin user and password."
  value       = "${var.name}-default-user"
}
