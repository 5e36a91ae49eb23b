variables {
  environment = "prod"
  region      = "eu-west-3"
}

run "prod_names_follow_the_convention" {
  command = plan

  assert {
    condition     = output.prefix == "fieldops-prod"
    error_message = "the prefix is <project>-<environment>"
  }
  assert {
    condition     = output.names.cluster == "fieldops-prod-eks" && output.names.postgresql == "fieldops-prod-pg"
    error_message = "resource names start with the prefix"
  }
  assert {
    condition     = output.region_code == "euw3" && output.names.object_bucket == "fieldops-prod-euw3-objects"
    error_message = "bucket names carry the short region code"
  }
  assert {
    condition     = output.dns_zone == "fieldops360.example" && output.api_hostname == "api.fieldops360.example"
    error_message = "prod serves from the domain itself"
  }
  assert {
    condition     = output.tags == { Project = "fieldops", Environment = "prod", Owner = "platform", ManagedBy = "terraform" }
    error_message = "every resource is tagged with project, environment, owner and manager"
  }
}

run "other_environments_get_a_sub_zone" {
  command = plan

  variables {
    environment = "staging"
    region      = "us-east-1"
  }

  assert {
    condition     = output.dns_zone == "staging.fieldops360.example" && output.api_hostname == "api.staging.fieldops360.example"
    error_message = "non-production environments live under <environment>.<domain>"
  }
  assert {
    condition     = output.region_code == "use1" && output.names.kubernetes_ns == "fieldops-staging"
    error_message = "region code and namespace follow the environment"
  }
}

run "an_unknown_environment_is_refused" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}

run "a_malformed_region_is_refused" {
  command = plan

  variables {
    region = "europe"
  }

  expect_failures = [var.region]
}

run "an_upper_case_project_is_refused" {
  command = plan

  variables {
    project = "FieldOps"
  }

  expect_failures = [var.project]
}
