output "address" {
  description = "Host name of the server."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the server."
  value       = aws_db_instance.this.port
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the admin credentials (for FIELDOPS_DATABASE_SERVERS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
