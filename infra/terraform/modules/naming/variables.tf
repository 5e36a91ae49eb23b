variable "project" {
  description = "Short project name, the first part of every resource name."
  type        = string
  default     = "fieldops"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.project))
    error_message = "project must be 2 to 12 characters: a lower-case letter, then lower-case letters or digits."
  }
}

variable "environment" {
  description = "Deployment environment."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "region" {
  description = "Cloud region the environment runs in (AWS form: eu-west-3)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[1-9]$", var.region))
    error_message = "region must look like eu-west-3."
  }
}

variable "dns_domain" {
  description = "Parent DNS domain; each environment gets its own zone under it (prod uses the domain itself)."
  type        = string
  default     = "fieldops360.example"

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.dns_domain))
    error_message = "dns_domain must be a lower-case DNS name such as fieldops360.example."
  }
}

variable "owner" {
  description = "Team accountable for the resources (cost allocation tag)."
  type        = string
  default     = "platform"
}
