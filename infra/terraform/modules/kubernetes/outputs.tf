output "cluster_name" {
  description = "The cluster's name."
  value       = aws_eks_cluster.this.name
}

output "endpoint" {
  description = "The Kubernetes API server's URL."
  value       = aws_eks_cluster.this.endpoint
}

output "certificate_authority" {
  description = "The API server's CA certificate (base64 PEM)."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "Security group of the cluster's nodes and pods: data stores admit it."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}
