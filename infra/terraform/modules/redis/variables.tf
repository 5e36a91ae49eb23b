variable "name" {
  description = "Replication group id; subnet group and security group are named after it."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the cache nodes."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect (the Kubernetes nodes)."
  type        = list(string)
}

variable "node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "replicas" {
  description = "Read replicas next to the primary; with one or more, a replica takes over when the primary fails."
  type        = number
}

variable "auth_token_version" {
  description = "Raise to rotate the AUTH token."
  type        = number
  default     = 1
}

variable "kms_key_arn" {
  description = "KMS key encrypting the data at rest and the AUTH token secret."
  type        = string
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
}
