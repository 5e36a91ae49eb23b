output "zone_id" {
  description = "The zone's id."
  value       = aws_route53_zone.this.zone_id
}

output "name_servers" {
  description = "Name servers to delegate the zone to from its parent."
  value       = aws_route53_zone.this.name_servers
}
