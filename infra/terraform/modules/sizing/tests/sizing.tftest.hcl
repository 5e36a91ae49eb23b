run "prod_survives_the_loss_of_a_zone" {
  command = plan

  variables {
    environment = "prod"
  }

  assert {
    condition     = output.highly_available
    error_message = "prod must be multi-AZ with replicas of every stateful service"
  }
  assert {
    condition     = output.size.rabbitmq_replicas % 2 == 1
    error_message = "quorum queues need an odd number of RabbitMQ nodes"
  }
  assert {
    condition     = output.size.node_min_count >= output.size.availability_zones
    error_message = "prod keeps at least one node per zone"
  }
  assert {
    condition     = output.size.deletion_protection && output.size.postgresql_backup_days == 35
    error_message = "prod data is protected from deletion and kept 35 days"
  }
}

run "dev_is_small_and_disposable" {
  command = plan

  variables {
    environment = "dev"
  }

  assert {
    condition     = !output.highly_available && output.size.rabbitmq_replicas == 1
    error_message = "dev runs single instances"
  }
  assert {
    condition     = !output.size.deletion_protection
    error_message = "dev can be torn down"
  }
}

run "every_environment_has_a_complete_profile" {
  command = plan

  variables {
    environment = "staging"
  }

  assert {
    condition     = output.size.node_min_count <= output.size.node_desired_count && output.size.node_desired_count <= output.size.node_max_count
    error_message = "node counts are ordered min <= desired <= max"
  }
  assert {
    condition     = output.size.postgresql_storage_gb <= output.size.postgresql_max_storage_gb
    error_message = "storage autoscaling starts from the allocated size"
  }
}

run "overrides_replace_only_what_they_name" {
  command = plan

  variables {
    environment = "prod"
    overrides = {
      postgresql_instance_class = "db.r6g.2xlarge"
      gateway_replicas          = 6
    }
  }

  assert {
    condition     = output.size.postgresql_instance_class == "db.r6g.2xlarge" && output.size.gateway_replicas == 6
    error_message = "overrides win over the profile"
  }
  assert {
    condition     = output.size.worker_replicas == 3 && output.size.postgresql_storage_gb == 500
    error_message = "values not overridden keep the profile's"
  }
}

run "too_small_a_database_is_refused" {
  command = plan

  variables {
    environment = "prod"
    overrides = {
      postgresql_storage_gb = 5
    }
  }

  expect_failures = [var.overrides]
}

run "a_fractional_replica_count_is_refused" {
  command = plan

  variables {
    environment = "dev"
    overrides = {
      worker_replicas = 1.5
    }
  }

  expect_failures = [var.overrides]
}

run "an_unknown_environment_is_refused" {
  command = plan

  variables {
    environment = "production"
  }

  expect_failures = [var.environment]
}
