# Size profile of each environment: one table, so the difference between dev and prod is read in one
# place. prod is sized for availability (several zones, replicas everywhere), dev for cost.
locals {
  profiles = {
    dev = {
      availability_zones        = 2
      node_instance_types       = ["t3.large"]
      node_min_count            = 1
      node_desired_count        = 2
      node_max_count            = 3
      postgresql_instance_class = "db.t4g.medium"
      postgresql_storage_gb     = 20
      postgresql_max_storage_gb = 100
      postgresql_multi_az       = false
      postgresql_backup_days    = 7
      redis_node_type           = "cache.t4g.small"
      redis_replicas            = 0
      rabbitmq_replicas         = 1
      rabbitmq_storage_gb       = 10
      rabbitmq_memory           = "1Gi"
      gateway_replicas          = 1
      worker_replicas           = 1
      object_noncurrent_days    = 7
      log_retention_days        = 365
      deletion_protection       = false
    }
    staging = {
      availability_zones        = 3
      node_instance_types       = ["m6i.large"]
      node_min_count            = 2
      node_desired_count        = 3
      node_max_count            = 6
      postgresql_instance_class = "db.r6g.large"
      postgresql_storage_gb     = 100
      postgresql_max_storage_gb = 500
      postgresql_multi_az       = false
      postgresql_backup_days    = 14
      redis_node_type           = "cache.r6g.large"
      redis_replicas            = 1
      rabbitmq_replicas         = 3
      rabbitmq_storage_gb       = 50
      rabbitmq_memory           = "2Gi"
      gateway_replicas          = 2
      worker_replicas           = 2
      object_noncurrent_days    = 30
      log_retention_days        = 365
      deletion_protection       = true
    }
    prod = {
      availability_zones        = 3
      node_instance_types       = ["m6i.xlarge", "m6a.xlarge"]
      node_min_count            = 3
      node_desired_count        = 6
      node_max_count            = 20
      postgresql_instance_class = "db.r6g.xlarge"
      postgresql_storage_gb     = 500
      postgresql_max_storage_gb = 4096
      postgresql_multi_az       = true
      postgresql_backup_days    = 35
      redis_node_type           = "cache.r6g.large"
      redis_replicas            = 2
      rabbitmq_replicas         = 3
      rabbitmq_storage_gb       = 200
      rabbitmq_memory           = "8Gi"
      gateway_replicas          = 3
      worker_replicas           = 3
      object_noncurrent_days    = 90
      log_retention_days        = 731
      deletion_protection       = true
    }
  }

  chosen_overrides = { for key, value in var.overrides : key => value if value != null }
  size             = merge(local.profiles[var.environment], local.chosen_overrides)
}
