# RabbitMQ 3.13 inside the cluster, run by the RabbitMQ cluster operator. Not a managed broker: the
# platform needs the MQTT plugin (GPS trackers) and the consistent-hash exchange, which Amazon MQ
# does not offer. Exchanges, queues and policies come from topology/definitions.json, applied by
# `fieldopsctl topology apply` in the release pipeline, not from here.
#
# On a new cluster the operator's CRD must exist before the RabbitmqCluster is planned:
#   terraform apply -target=module.platform.module.rabbitmq.helm_release.operator
resource "helm_release" "operator" {
  name             = "rabbitmq-cluster-operator"
  namespace        = "rabbitmq-system"
  create_namespace = true
  repository       = "oci://registry-1.docker.io/bitnamicharts"
  chart            = "rabbitmq-cluster-operator"
  version          = var.operator_chart_version
  atomic           = true
}

resource "kubernetes_manifest" "cluster" {
  manifest = {
    apiVersion = "rabbitmq.com/v1beta1"
    kind       = "RabbitmqCluster"
    metadata = {
      name      = var.name
      namespace = var.namespace
    }
    spec = {
      replicas = var.replicas
      image    = "rabbitmq:3.13-management"
      rabbitmq = {
        additionalPlugins = ["rabbitmq_mqtt", "rabbitmq_consistent_hash_exchange", "rabbitmq_prometheus"]
        additionalConfig  = <<-EOT
          cluster_partition_handling = pause_minority
          vm_memory_high_watermark.relative = 0.6
          disk_free_limit.relative = 1.5
          default_queue_type = quorum
        EOT
      }
      persistence = {
        storage = "${var.storage_gb}Gi"
      }
      resources = {
        requests = { cpu = "500m", memory = var.memory }
        limits   = { memory = var.memory }
      }
      # Spread the nodes over zones so losing one keeps a quorum.
      affinity = {
        podAntiAffinity = {
          requiredDuringSchedulingIgnoredDuringExecution = [{
            topologyKey   = "topology.kubernetes.io/zone"
            labelSelector = { matchLabels = { "app.kubernetes.io/name" = var.name } }
          }]
        }
      }
    }
  }

  depends_on = [helm_release.operator]
}
