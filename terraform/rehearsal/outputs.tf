# What the rehearsal starts and checks. Everything service-specific comes from modules/service-config.

output "project" {
  description = "The rehearsal's stand-in project."
  value = {
    id     = local.project_id
    number = local.project_number
    region = local.region
  }
}

output "identities" {
  description = "Service account emails: the platform's own callers and each plugin's."
  value       = merge(local.identities, { plugins = local.plugin_service_accounts })
}

output "services" {
  description = "Each Cloud Run service: its URLs (uri first, then the deterministic one) and its invokers (roles/run.invoker members)."
  value = merge(
    {
      for id, url in local.plugin_service_urls : module.config.service_names[id] => {
        plugin   = id
        urls     = [url, module.config.plugin_audiences[id]]
        invokers = module.config.plugin_invokers[id]
      }
    },
    {
      backlot-shell = {
        plugin   = null
        urls     = [local.shell_service_url, module.config.public_base_url]
        invokers = module.config.shell_invokers
      }
    },
  )
}

output "request_timeout_seconds" {
  description = "Cloud Run's request timeout and the gateway's deadline."
  value       = local.request_timeout_seconds
}

output "gateway_url" {
  description = "The API gateway's URL."
  value       = local.gateway_url
}

output "public_base_url" {
  description = "Public URL of the portal (the shell)."
  value       = module.config.public_base_url
}

output "plugins" {
  description = "The manifests as modules/service-config reads them."
  value       = module.config.plugins
}

output "plugin_env" {
  description = "Environment of each plugin."
  value       = module.config.plugin_env
}

output "plugin_secret_env" {
  description = "Each plugin's variables that Cloud Run reads from Secret Manager: plugin id => { name => secret id }."
  value       = module.config.plugin_secret_env
}

output "shell_env" {
  description = "Environment of the shell, without its Secret Manager variables."
  value       = module.config.shell_env
}

output "shell_volumes" {
  description = "The shell's Cloud Storage volumes as modules/platform mounts them; the rehearsal mounts a folder standing in for each bucket."
  value       = module.config.shell_volumes
}

output "shell_secret_env" {
  description = "The shell's variables that Cloud Run reads from Secret Manager: name => secret id."
  value       = module.config.shell_secret_env
}

output "secret_accessors" {
  description = "Who may read each secret: secret id => service account emails."
  value       = module.config.secret_accessors
}

output "openapi" {
  description = "The API gateway's OpenAPI document."
  value       = module.config.openapi
}

output "scheduler_jobs" {
  description = "The Cloud Scheduler jobs: plugin, path, uri and OIDC audience of each POST."
  value       = module.config.scheduler_jobs
}

output "task_queues" {
  description = "The Cloud Tasks queues: plugin id => its queue's full name, worker URL, audience, the account its tasks' OIDC tokens name and the account that may create its tasks."
  value       = module.config.task_queues
}
