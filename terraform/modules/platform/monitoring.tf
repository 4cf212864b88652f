# Monitoring: log-based metrics of the services' request and application logs, alert policies
# on them, and uptime checks on /healthcheck for the shell and for every plugin manifest (through
# the API gateway: an uptime check calls without an identity, which Cloud Run would refuse, and
# the check covers the route too). Alerts go to var.alert_email when it is set; without it they
# still open incidents in the console. DeploymentConsistencyTest fails when a plugin has no uptime
# check or an uptime check has no alert policy.

locals {
  # Every Backlot service: backlot-shell and backlot-<id> for each manifest.
  services_filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=~\"^backlot-\""

  notification_channels = google_monitoring_notification_channel.email[*].id

  gateway_host = local.gateway_enabled ? google_api_gateway_gateway.backlot[0].default_hostname : ""
}

resource "google_monitoring_notification_channel" "email" {
  count = var.alert_email == null ? 0 : 1

  project      = var.project_id
  display_name = "Backlot ${var.env} alerts"
  type         = "email"
  labels = {
    email_address = var.alert_email
  }
  user_labels = local.labels

  depends_on = [google_project_service.apis]
}

locals {
  request_log = "projects/${var.project_id}/logs/run.googleapis.com%2Frequests"

  # Log-based metrics over every Backlot service, each with an alert policy that fires per
  # service (the metrics keep Cloud Run's resource labels, so service_name is one of them).
  log_alerts = {
    http-5xx = {
      description = "5xx responses of the Backlot Cloud Run services (request log)."
      filter      = "${local.services_filter} AND logName=\"${local.request_log}\" AND httpRequest.status>=500"
      threshold   = var.alert_5xx_threshold
      severity    = "ERROR"
      title       = "5xx responses"
      condition   = "More than ${var.alert_5xx_threshold} 5xx responses in 5 minutes (per service)"
      advice      = "A Backlot service answers with 5xx. If it started with a release, roll back: `gcloud run services update-traffic <service> --region=${var.region} --to-revisions=<previous>=100` (docs/deploy.md)."
    }
    function-errors = {
      description = "Log entries of severity ERROR or worse written by the Backlot services themselves."
      filter      = "${local.services_filter} AND logName!=\"${local.request_log}\" AND severity>=ERROR"
      threshold   = var.alert_error_threshold
      severity    = "WARNING"
      title       = "function errors"
      condition   = "More than ${var.alert_error_threshold} logged errors in 5 minutes (per service)"
      advice      = "A Backlot service logs errors. Logs Explorer: ${local.services_filter} AND severity>=ERROR."
    }
  }
}

resource "google_logging_metric" "service" {
  for_each = local.log_alerts

  project     = var.project_id
  name        = "backlot-${var.env}-${each.key}"
  description = each.value.description
  filter      = each.value.filter

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }

  depends_on = [google_project_service.apis]
}

resource "google_monitoring_alert_policy" "log_metric" {
  for_each = local.log_alerts

  project      = var.project_id
  display_name = "Backlot ${var.env}: ${each.value.title}"
  combiner     = "OR"
  severity     = each.value.severity
  user_labels  = local.labels

  conditions {
    display_name = each.value.condition
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.service[each.key].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.threshold
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  documentation {
    mime_type = "text/markdown"
    content   = each.value.advice
  }
}

# One uptime check per plugin manifest: GET <gateway><routePrefix>/healthcheck, which the gateway
# routes publicly to the plugin. Adding a plugin folder adds its check.
resource "google_monitoring_uptime_check_config" "plugin" {
  for_each = local.plugins

  project      = var.project_id
  display_name = "backlot-${each.key} ${var.env} healthcheck"
  timeout      = "10s"
  period       = "${var.uptime_check_period_seconds}s"
  user_labels  = merge(local.labels, { backlot-plugin = each.key })

  http_check {
    path         = "${each.value.routePrefix}/healthcheck"
    port         = 443
    use_ssl      = true
    validate_ssl = true
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = local.gateway_host
    }
  }

  depends_on = [google_project_service.apis, google_api_gateway_gateway.backlot]
}

# The shell's own /healthcheck on its public URL (its custom domain when it has one).
resource "google_monitoring_uptime_check_config" "shell" {
  project      = var.project_id
  display_name = "backlot-shell ${var.env} healthcheck"
  timeout      = "10s"
  period       = "${var.uptime_check_period_seconds}s"
  user_labels  = local.labels

  http_check {
    path         = "/healthcheck"
    port         = 443
    use_ssl      = true
    validate_ssl = true
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = trimprefix(google_cloud_run_v2_service.shell.uri, "https://")
    }
  }

  depends_on = [google_project_service.apis]
}

locals {
  # Every uptime check, keyed by what it watches; each gets an alert policy below.
  uptime_checks = merge(
    { for id, check in google_monitoring_uptime_check_config.plugin : id => check.uptime_check_id },
    { shell = google_monitoring_uptime_check_config.shell.uptime_check_id },
  )
}

resource "google_monitoring_alert_policy" "uptime" {
  for_each = local.uptime_checks

  project      = var.project_id
  display_name = "Backlot ${var.env}: backlot-${each.key} /healthcheck failing"
  combiner     = "OR"
  severity     = "CRITICAL"
  user_labels  = local.labels

  conditions {
    display_name = "backlot-${each.key} /healthcheck fails from more than one location"
    condition_threshold {
      filter          = "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type=\"uptime_url\" AND metric.label.check_id=\"${each.value}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "${var.uptime_check_period_seconds * 2}s"
      aggregations {
        alignment_period     = "1200s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.*"]
      }
      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  documentation {
    mime_type = "text/markdown"
    content   = "backlot-${each.key} does not answer /healthcheck. `gcloud run revisions list --service=backlot-${each.key} --region=${var.region}` shows what serves; roll back as docs/deploy.md describes."
  }
}
