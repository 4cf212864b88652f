# Cloud Tasks: one queue per plugin that fans its work out to Cloud Tasks (local.task_queues from
# modules/service-config: a manifest listing the setting "<id>.cloudTasks"). The plugin creates one
# HTTP task per unit of work; Cloud Tasks POSTs it to the plugin's own run.app URL with an OIDC
# token of the scheduler's service account minted for that URL. The plugin's environment names the
# queue, the URL and the account (module.config.plugin_env); Cloud Run lets the account in
# (module.config.plugin_invokers), so the grants here are the two Cloud Tasks itself checks.

resource "google_cloud_tasks_queue" "plugin" {
  for_each = local.task_queues

  project  = var.project_id
  location = var.region
  name     = each.value.name

  # What a burst of new tasks may start at once: each dispatch runs one task on an instance.
  rate_limits {
    max_dispatches_per_second = var.task_queue_max_dispatches_per_second
    max_concurrent_dispatches = var.task_queue_max_concurrent_dispatches
  }

  # A dispatch answered with an error (an instance starting, 429, 5xx) is tried again; the worker
  # answers 200 for a task it cannot claim, so only delivery failures are retried. After the last
  # attempt the scheduler's minute call still runs the task.
  retry_config {
    max_attempts  = var.task_queue_max_attempts
    min_backoff   = "${var.task_queue_min_backoff_seconds}s"
    max_backoff   = "${var.task_queue_max_backoff_seconds}s"
    max_doublings = 4
  }

  depends_on = [google_project_service.apis]
}

# Creating a task in the queue: the plugin's own account, on its own queue only.
resource "google_cloud_tasks_queue_iam_member" "plugin_enqueuer" {
  for_each = local.task_queues

  project  = google_cloud_tasks_queue.plugin[each.key].project
  location = google_cloud_tasks_queue.plugin[each.key].location
  name     = google_cloud_tasks_queue.plugin[each.key].name
  role     = "roles/cloudtasks.enqueuer"
  member   = "serviceAccount:${google_service_account.plugin[each.key].email}"
}

# Naming the scheduler's account in a task's OIDC token is acting as it (iam.serviceAccounts.actAs):
# Cloud Tasks refuses to create the task otherwise.
resource "google_service_account_iam_member" "plugin_tasks_act_as" {
  for_each = local.task_queues

  service_account_id = google_service_account.scheduler.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.plugin[each.key].email}"

  lifecycle {
    precondition {
      condition     = each.value.service_account == google_service_account.scheduler.email
      error_message = "The Cloud Tasks of ${each.key} name ${each.value.service_account}, not the scheduler's account this grant is on."
    }
  }
}
