variable "ingress_hostname" {
  description = "Load balancer host name of the ingress controller, known once the chart is installed."
  type        = string
}
