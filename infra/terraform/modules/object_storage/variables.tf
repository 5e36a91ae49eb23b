variable "bucket_name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key encrypting the objects."
  type        = string
}

variable "noncurrent_version_days" {
  description = "How long overwritten or deleted objects stay recoverable."
  type        = number
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
}
