# Cloud Tasks fan-out: a plugin whose manifest lists the setting "<id>.cloudTasks" among the config
# keys its code reads hands each unit of work to a Cloud Task of its own queue, which calls the
# plugin's worker route at its own run.app URL with a Google-signed OIDC token of the scheduler's
# service account (the caller such routes admit: services: scheduler). The queue and its grants
# are made by modules/platform (tasks.tf), the rehearsal stands in for Cloud Tasks with them, and
# the plugin's environment names the queue (BACKLOT_TASKS_*, read by app-config.production.yaml).

locals {
  task_queues = {
    for id, p in local.plugins : id => {
      plugin = id
      # Queue ids: letters, digits and hyphens, at most 100 characters.
      name  = "backlot-${id}-tasks"
      queue = "projects/${var.project_id}/locations/${var.region}/queues/backlot-${id}-tasks"
      # Where each Cloud Task calls: the plugin's own service (Cloud Run checks roles/run.invoker,
      # the function the token's audience), never the gateway.
      worker_url = "${local.plugin_audiences[id]}${p.routePrefix}"
      audience   = local.plugin_audiences[id]
      # Named in the Cloud Tasks' OIDC tokens; the plugin may act as it (roles/iam.serviceAccountUser).
      service_account = var.identities.scheduler
      # Creates the Cloud Tasks (roles/cloudtasks.enqueuer on the queue).
      enqueuer = var.plugin_service_accounts[id]
    } if contains(p.settings, "${id}.cloudTasks")
  }

  # The plugin's environment: its config's <id>.cloudTasks section (app-config.production.yaml).
  task_queue_env = {
    for id, q in local.task_queues : id => {
      BACKLOT_TASKS_QUEUE           = q.queue
      BACKLOT_TASKS_WORKER_URL      = q.worker_url
      BACKLOT_TASKS_SERVICE_ACCOUNT = q.service_account
      BACKLOT_TASKS_AUDIENCE        = q.audience
    }
  }
}

output "task_queues" {
  description = "One Cloud Tasks queue per plugin whose manifest lists the setting <id>.cloudTasks: plugin id => { plugin, name, queue (full name), worker_url, audience, service_account (named in the tasks' OIDC tokens), enqueuer (the plugin's account) }."
  value       = local.task_queues
}
