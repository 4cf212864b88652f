# Periodic work: each manifest's schedules become Cloud Scheduler jobs that POST to the plugin
# through the API gateway with a Google-signed OIDC token (the function verifies it), so no
# function loops in the background. The jobs, their cron, uri and audience come from
# local.scheduler_jobs (modules/service-config).

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = "backlot-scheduler"
  display_name = "Backlot scheduler (${var.env})"
  description  = "Signs the OIDC tokens of the Cloud Scheduler jobs the plugin manifests declare."
}

resource "google_cloud_scheduler_job" "plugin" {
  for_each = local.gateway_enabled ? local.scheduler_jobs : {}

  project     = var.project_id
  region      = var.region
  name        = "backlot-${substr(each.key, 0, 400)}"
  description = "POST ${each.value.path} every ${each.value.everyMinutes} min (functions/${each.value.plugin}/plugin.yaml)."
  schedule    = each.value.cron
  time_zone   = "Etc/UTC"

  http_target {
    http_method = "POST"
    uri         = each.value.uri

    # The gateway forwards this token to the plugin, which checks it was minted for its own URL.
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = each.value.audience
    }
  }

  # The call is answered within the gateway's deadline (the catalog's refresh stops claiming at
  # its time budget, below it); the scheduler waits as long, not its default three minutes.
  attempt_deadline = "${min(max(var.request_timeout_seconds, 15), 1800)}s" # Cloud Scheduler accepts 15 s to 30 min

  retry_config {
    retry_count = 1
  }

  depends_on = [google_project_service.apis]
}
