variable "ingress_hostname" {
  description = "Load balancer host name of the ingress controller, known once the chart is installed."
  type        = string
}

variable "office_cidrs" {
  description = "Office and VPN addresses allowed to reach dev's public Kubernetes API."
  type        = list(string)
}
