# One Cloud Run service and one service account per plugin manifest.

resource "google_service_account" "plugin" {
  for_each = local.plugins

  project      = var.project_id
  account_id   = local.service_account_ids[each.key]
  display_name = "Backlot plugin ${each.key} (${var.env})"
  description  = "Runs ${local.service_names[each.key]}; granted only what functions/${each.key}/plugin.yaml declares."
}

locals {
  plugin_images = {
    for id in keys(local.plugins) : id => (
      contains(keys(var.image_digests), id) ? "${local.image_registry}/${id}@${var.image_digests[id]}" :
      var.image_tag != "" ? "${local.image_registry}/${id}:${var.image_tag}" : var.bootstrap_image
    )
  }
}

resource "google_cloud_run_v2_service" "plugin" {
  for_each = local.plugins

  project             = var.project_id
  name                = local.service_names[each.key]
  location            = var.region
  description         = "Backlot plugin ${each.key}: ${each.value.routePrefix}/** behind the API gateway."
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection
  labels              = merge(local.labels, { backlot-plugin = each.key })

  template {
    service_account                  = google_service_account.plugin[each.key].email
    max_instance_request_concurrency = each.value.resources.concurrency
    timeout                          = "${var.request_timeout_seconds}s"
    labels                           = merge(local.labels, { backlot-plugin = each.key })

    scaling {
      min_instance_count = coalesce(var.min_instances_override, each.value.resources.minInstances)
      max_instance_count = each.value.resources.maxInstances
    }

    # Direct VPC egress to the private IPs of Cloud SQL and Redis, only for plugins that use them.
    dynamic "vpc_access" {
      for_each = each.value.database || var.redis_enabled ? [1] : []
      content {
        egress = "PRIVATE_RANGES_ONLY"
        network_interfaces {
          network    = google_compute_network.backlot.id
          subnetwork = google_compute_subnetwork.run.id
        }
      }
    }

    containers {
      image = local.plugin_images[each.key]

      resources {
        limits = {
          memory = each.value.resources.memory
          cpu    = each.value.resources.cpu
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      # From modules/service-config (config.tf).
      dynamic "env" {
        for_each = local.plugin_env[each.key]
        content {
          name  = env.key
          value = env.value
        }
      }

      # Also from modules/service-config: variables Cloud Run reads from Secret Manager.
      dynamic "env" {
        for_each = local.plugin_secret_env[each.key]
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }

      startup_probe {
        period_seconds    = 2
        timeout_seconds   = 1
        failure_threshold = 30
        http_get {
          path = "/healthcheck"
        }
      }
    }
  }

  lifecycle {
    # Cloud Build owns what runs and who gets traffic (deploy --no-traffic, canary, promotion);
    # Terraform owns everything else. Config changes here reach traffic with the next deploy.
    ignore_changes = [
      client,
      client_version,
      traffic,
      template[0].revision,
      template[0].containers[0].image,
    ]

    precondition {
      condition     = each.value.id == each.key
      error_message = "functions/${each.key}/plugin.yaml: id '${each.value.id}' must equal its folder name."
    }
    precondition {
      condition     = each.value.routePrefix == "/api/${each.key}"
      error_message = "functions/${each.key}/plugin.yaml: routePrefix must be /api/${each.key}."
    }
    precondition {
      condition     = each.value.resources.maxInstances >= each.value.resources.minInstances
      error_message = "functions/${each.key}/plugin.yaml: resources.maxInstances must be at least resources.minInstances."
    }
  }

  # A revision starts only once it may read the Redis AUTH string and a version of it exists.
  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_version.redis_auth,
    google_secret_manager_secret_iam_member.plugin_redis_auth,
  ]
}

# Who may invoke a plugin (module.config.plugin_invokers): the gateway, the deploy pipeline's
# smoke test and the services that call plugins directly (the shell, the other plugins). Authoritative for the role: nobody else
# is an invoker. Every plugin still verifies the caller itself.
resource "google_cloud_run_v2_service_iam_binding" "plugin_invokers" {
  for_each = local.plugins

  project  = var.project_id
  location = google_cloud_run_v2_service.plugin[each.key].location
  name     = google_cloud_run_v2_service.plugin[each.key].name
  role     = "roles/run.invoker"
  members  = local.plugin_invokers[each.key]
}

# Plugins call one another, and the shell the catalog, directly at the service URLs discovery
# names (never through the gateway, whose own token alone is nobody): each of them may invoke
# every plugin service but its own. Who may do what is still each function's decision.
locals {
  direct_callers = merge(
    { shell = google_service_account.shell.email },
    { for id in keys(local.plugins) : id => google_service_account.plugin[id].email },
  )
  direct_invocations = {
    for pair in setproduct(keys(local.plugins), keys(local.direct_callers)) :
    "${pair[0]}/${pair[1]}" => { plugin = pair[0], caller = pair[1] } if pair[0] != pair[1]
  }
}

resource "google_cloud_run_v2_service_iam_member" "direct_invoker" {
  for_each = local.direct_invocations

  project  = var.project_id
  location = google_cloud_run_v2_service.plugin[each.value.plugin].location
  name     = google_cloud_run_v2_service.plugin[each.value.plugin].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${local.direct_callers[each.value.caller]}"
}

# Cloud SQL roles can only be granted on the project; the condition narrows each grant to
# Backlot's instance, so a plugin cannot reach other instances in the project.
locals {
  backlot_instance_condition = length(google_sql_database_instance.main) == 0 ? null : {
    title       = "backlot-sql-instance-only"
    description = "Only the Backlot Cloud SQL instance ${google_sql_database_instance.main[0].name}."
    expression  = "resource.name == 'projects/${google_sql_database_instance.main[0].project}/instances/${google_sql_database_instance.main[0].name}' && resource.type == 'sqladmin.googleapis.com/Instance'"
  }
}

resource "google_project_iam_member" "plugin_cloudsql_client" {
  for_each = local.database_plugins

  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.plugin[each.key].email}"

  condition {
    title       = local.backlot_instance_condition.title
    description = local.backlot_instance_condition.description
    expression  = local.backlot_instance_condition.expression
  }
}

# IAM database authentication: the service account logs in as its own database user.
resource "google_project_iam_member" "plugin_cloudsql_instance_user" {
  for_each = local.database_plugins

  project = var.project_id
  role    = "roles/cloudsql.instanceUser"
  member  = "serviceAccount:${google_service_account.plugin[each.key].email}"

  condition {
    title       = local.backlot_instance_condition.title
    description = local.backlot_instance_condition.description
    expression  = local.backlot_instance_condition.expression
  }
}

resource "google_secret_manager_secret_iam_member" "plugin" {
  for_each = local.plugin_secret_grants

  project   = var.project_id
  secret_id = google_secret_manager_secret.declared[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.plugin[each.value.plugin].email}"
}

resource "google_storage_bucket_iam_member" "plugin_docs" {
  for_each = local.blob_plugins

  bucket = google_storage_bucket.docs.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.plugin[each.key].email}"
}
