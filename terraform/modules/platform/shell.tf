# The SSO web portal (frontend-shell): public, signs users in with Okta and forwards /api/**
# to the API gateway with the user's Backlot token.

resource "google_service_account" "shell" {
  project      = var.project_id
  account_id   = "backlot-shell"
  display_name = "Backlot shell (${var.env})"
  description  = "Runs backlot-shell; reads only the shell's own secrets."
}

resource "google_secret_manager_secret_iam_member" "shell" {
  for_each = toset(values(local.shell_secret_env))

  project   = var.project_id
  secret_id = google_secret_manager_secret.declared[each.value].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.shell.email}"
}

locals {
  gateway_url = local.gateway_enabled ? "https://${google_api_gateway_gateway.backlot[0].default_hostname}" : ""

  shell_image = (
    contains(keys(var.image_digests), "shell") ? "${local.image_registry}/shell@${var.image_digests["shell"]}" :
    var.image_tag != "" ? "${local.image_registry}/shell:${var.image_tag}" : var.bootstrap_image
  )
}

resource "google_cloud_run_v2_service" "shell" {
  project             = var.project_id
  name                = "backlot-shell"
  location            = var.region
  description         = "Backlot web portal: SSO, web UI, /api/** forwarded to the API gateway."
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection
  labels              = local.labels

  template {
    service_account = google_service_account.shell.email
    # Cloud Storage volumes (the UI plugin bucket below) need the second generation.
    execution_environment            = "EXECUTION_ENVIRONMENT_GEN2"
    max_instance_request_concurrency = 80
    timeout                          = "${var.request_timeout_seconds}s"
    labels                           = local.labels

    scaling {
      # The shell is the one Spring Boot service; keep one instance warm outside dev.
      min_instance_count = coalesce(var.min_instances_override, 1)
      max_instance_count = 10
    }

    containers {
      image = local.shell_image

      resources {
        limits = {
          memory = "1Gi"
          cpu    = "1"
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      # From modules/service-config (config.tf).
      dynamic "env" {
        for_each = local.shell_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = local.shell_secret_env
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.declared[env.value].secret_id
              version = "latest"
            }
          }
        }
      }

      # The installed UI plugins (ui_plugins.tf), served at /ui-plugins/ (docs/ui-plugins.md):
      # modules/service-config names the mount path and sets BACKLOT_UIPLUGINS_FOLDER to it.
      volume_mounts {
        name       = "ui-plugins"
        mount_path = local.shell_volumes["ui-plugins"].mount_path
      }

      startup_probe {
        period_seconds    = 2
        timeout_seconds   = 1
        failure_threshold = 60
        http_get {
          path = "/healthcheck"
        }
      }
    }

    volumes {
      name = "ui-plugins"
      gcs {
        bucket    = google_storage_bucket.ui_plugins.name
        read_only = local.shell_volumes["ui-plugins"].read_only
        # Cloud Storage FUSE caches object metadata for 60 s by default: without it, an installed
        # or rolled-back manifest.json is served on the next page load.
        mount_options = ["metadata-cache-ttl-secs=0"]
      }
    }
  }

  lifecycle {
    ignore_changes = [
      client,
      client_version,
      traffic,
      template[0].revision,
      template[0].containers[0].image,
    ]

    precondition {
      condition     = !contains(keys(local.plugins), "shell")
      error_message = "A plugin may not be called 'shell': backlot-shell is the web portal's service."
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.shell, google_storage_bucket_iam_member.ui_plugins_shell]
}

# Who may invoke the shell (module.config.shell_invokers): everyone when shell_public (it signs
# users in itself), and the deploy pipeline's smoke test.
resource "google_cloud_run_v2_service_iam_binding" "shell_invokers" {
  project  = var.project_id
  location = google_cloud_run_v2_service.shell.location
  name     = google_cloud_run_v2_service.shell.name
  role     = "roles/run.invoker"
  members  = local.shell_invokers
}

# The portal's custom domain, served by the shell. Cloud Run provisions the certificate once
# the DNS records (output shell_domain_dns_records) point at Google; the domain must be verified
# by the identity that applies this (gcloud domains verify <domain>).
resource "google_cloud_run_domain_mapping" "shell" {
  count = var.shell_domain == null ? 0 : 1

  project  = var.project_id
  location = var.region
  name     = var.shell_domain

  metadata {
    namespace = data.google_project.this.number
    labels    = local.labels
  }

  spec {
    route_name       = google_cloud_run_v2_service.shell.name
    certificate_mode = "AUTOMATIC"
  }
}
