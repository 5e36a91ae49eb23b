variable "cluster_name" {
  description = "EKS cluster name."
  type        = string
}

variable "node_group_name" {
  description = "Managed node group name."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and nodes."
  type        = string
  default     = "1.30"

  validation {
    condition     = can(regex("^1\\.(2[89]|3[0-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be a supported minor version such as 1.30."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the control plane's interfaces and the nodes."
  type        = list(string)
}

variable "public_api_access" {
  description = "Whether the API server answers from the internet (dev only; others go through the VPN)."
  type        = bool
}

variable "public_api_cidrs" {
  description = "Addresses allowed to reach a public API endpoint."
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.public_api_cidrs, "0.0.0.0/0")
    error_message = "public_api_cidrs must not open the API to the whole internet."
  }
  # EKS reads an empty list as 0.0.0.0/0.
  validation {
    condition     = !var.public_api_access || length(var.public_api_cidrs) > 0
    error_message = "a public API endpoint needs public_api_cidrs."
  }
}

variable "kms_key_arn" {
  description = "KMS key encrypting Kubernetes secrets and the control-plane log group."
  type        = string
}

variable "log_retention_days" {
  description = "How long control-plane logs are kept."
  type        = number
}

variable "node_instance_types" {
  description = "EC2 instance types of the nodes."
  type        = list(string)
}

variable "node_min_count" {
  description = "Fewest nodes."
  type        = number
}

variable "node_desired_count" {
  description = "Nodes at creation (the cluster autoscaler moves it afterwards)."
  type        = number
}

variable "node_max_count" {
  description = "Most nodes."
  type        = number

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "log_retention_days must be at least 365 (a year of logs for incident analysis)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
}
