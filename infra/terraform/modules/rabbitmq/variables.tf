variable "name" {
  description = "Name of the RabbitmqCluster resource (and of its Service)."
  type        = string
}

variable "namespace" {
  description = "Namespace the broker runs in, next to the platform's pods."
  type        = string
}

variable "replicas" {
  description = "Broker nodes: 1, or an odd number of at least 3 so quorum queues keep a majority."
  type        = number

  validation {
    condition     = var.replicas == 1 || (var.replicas >= 3 && var.replicas % 2 == 1)
    error_message = "replicas must be 1 or an odd number of at least 3."
  }
}

variable "storage_gb" {
  description = "Persistent volume size of each node."
  type        = number
}

variable "memory" {
  description = "Memory request and limit of each node (Kubernetes quantity)."
  type        = string
}

variable "operator_chart_version" {
  description = "Version of the RabbitMQ cluster operator chart."
  type        = string
  default     = "4.4.1"
}
