variable "environment" {
  description = "Deployment environment whose size profile is wanted."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "overrides" {
  description = "Values that replace the profile's, for one environment (e.g. a bigger database during a migration)."
  type = object({
    node_desired_count        = optional(number)
    postgresql_instance_class = optional(string)
    postgresql_storage_gb     = optional(number)
    gateway_replicas          = optional(number)
    worker_replicas           = optional(number)
  })
  default = {}

  validation {
    condition     = var.overrides.postgresql_storage_gb == null || try(var.overrides.postgresql_storage_gb >= 20 && var.overrides.postgresql_storage_gb <= 16384, false)
    error_message = "postgresql_storage_gb must be between 20 and 16384 GiB."
  }
  validation {
    condition     = var.overrides.postgresql_instance_class == null || can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.overrides.postgresql_instance_class))
    error_message = "postgresql_instance_class must be an RDS class such as db.r6g.large."
  }
  validation {
    condition     = alltrue([for count in [var.overrides.gateway_replicas, var.overrides.worker_replicas, var.overrides.node_desired_count] : count == null || try(count >= 1 && count == floor(count), false)])
    error_message = "replica and node counts must be whole numbers of at least 1."
  }
}
