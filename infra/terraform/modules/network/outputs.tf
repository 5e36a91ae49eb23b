output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "The VPC's address range (security groups admit clients from it)."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "One private subnet per zone: nodes, databases, caches."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "One public subnet per zone: internet-facing load balancers only."
  value       = aws_subnet.public[*].id
}
