# The Cloud Scheduler jobs' calls: a POST through the API gateway to each manifest schedule's
# path, with a Google-signed OIDC token of the scheduler's service account minted for the
# plugin's own URL (the function checks it was).

locals {
  scheduler_jobs = {
    for key, job in local.schedule_jobs : key => merge(job, {
      uri      = "${var.gateway_url}${job.path}"
      audience = local.plugin_audiences[job.plugin]
    })
  }
}
