variable "identifier" {
  description = "RDS instance identifier; the parameter and subnet groups are named after it."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the instance."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the instance may be placed in."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect (the Kubernetes nodes)."
  type        = list(string)
}

variable "instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "storage_gb" {
  description = "Allocated storage."
  type        = number
}

variable "max_storage_gb" {
  description = "Ceiling for storage autoscaling."
  type        = number
}

variable "multi_az" {
  description = "Whether a standby runs in another zone."
  type        = bool
}

variable "backup_retention_days" {
  description = "How long automated backups are kept."
  type        = number

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 7 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse deletion (and take a final snapshot when it is lifted)."
  type        = bool
}

variable "kms_key_arn" {
  description = "KMS key encrypting storage, Performance Insights and the master password secret."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
}
