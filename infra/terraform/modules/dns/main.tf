# The environment's public zone: the API host and one host per tenant, all pointing at the ingress.
resource "aws_route53_zone" "this" {
  name = var.zone_name
  tags = var.tags
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.this.zone_id
  name    = var.api_hostname
  type    = "CNAME"
  ttl     = 300
  records = [var.ingress_hostname]
}

resource "aws_route53_record" "tenant" {
  for_each = var.tenant_records

  zone_id = aws_route53_zone.this.zone_id
  name    = each.value.fqdn
  type    = each.value.type
  ttl     = 300
  records = [each.value.target]
}
