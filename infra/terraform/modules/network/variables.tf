variable "name" {
  description = "Name of the VPC; subnets and gateways are named after it."
  type        = string
}

variable "cidr_block" {
  description = "The VPC's address range; split into one public and one private /20 per zone."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.cidr_block)) && tonumber(split("/", var.cidr_block)[1]) <= 16
    error_message = "cidr_block must be an IPv4 range of /16 or larger."
  }
}

variable "availability_zones" {
  description = "Zones the subnets span, by name (eu-west-3a): named, not looked up, so the set never changes under a running environment."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3
    error_message = "availability_zones must name 2 or 3 zones."
  }
}

variable "cluster_name" {
  description = "EKS cluster name, tagged on subnets so its load balancers find them."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key encrypting the flow log group."
  type        = string
}

variable "log_retention_days" {
  description = "How long flow logs are kept."
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
