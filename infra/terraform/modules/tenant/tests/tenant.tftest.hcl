variables {
  slug             = "acme-btp"
  dns_zone         = "staging.fieldops360.example"
  ingress_hostname = "ingress.staging.fieldops360.example"
  database_server  = "pg-a"
}

run "names_match_the_application" {
  command = plan

  assert {
    condition     = output.database_name == "tenant_acme_btp"
    error_message = "the database is tenant_<slug with underscores>, as TenantPlacement names it"
  }
  assert {
    condition     = output.role_name == "tenant_acme_btp_owner"
    error_message = "the owner role is tenant_<slug with underscores>_owner"
  }
  assert {
    condition     = output.database_server == "pg-a"
    error_message = "the placement keeps the server"
  }
}

run "dns_and_storage_are_scoped_to_the_tenant" {
  command = plan

  assert {
    condition     = output.dns_record.fqdn == "acme-btp.staging.fieldops360.example" && output.dns_record.type == "CNAME"
    error_message = "the tenant's host is <slug>.<zone>"
  }
  assert {
    condition     = output.dns_record.target == "ingress.staging.fieldops360.example"
    error_message = "the record points at the ingress"
  }
  assert {
    condition     = output.storage_prefix == "tenants/acme-btp/"
    error_message = "objects live under tenants/<slug>/"
  }
}

run "a_slug_with_an_upper_case_letter_is_refused" {
  command = plan

  variables {
    slug = "Acme"
  }

  expect_failures = [var.slug]
}

run "a_slug_that_is_not_a_dns_label_is_refused" {
  command = plan

  variables {
    slug = "acme-"
  }

  expect_failures = [var.slug]
}

run "a_too_short_slug_is_refused" {
  command = plan

  variables {
    slug = "ab"
  }

  expect_failures = [var.slug]
}
