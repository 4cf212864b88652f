# Everything modules/platform deploys from and terraform/rehearsal starts the services with.
# Each output is the local of the same name.

output "plugins" {
  description = "The manifests with defaults applied, keyed by plugin id: exactly the fields of the Java PluginManifest record."
  value       = local.plugins
}

output "database_plugins" {
  description = "The plugins whose manifest says database: true."
  value       = local.database_plugins
}

output "blob_plugins" {
  description = "The plugins whose manifest says blobStore: true."
  value       = local.blob_plugins
}

output "plugin_secret_grants" {
  description = "One entry per (plugin, secret) pair its manifest lists: \"<plugin>/<secret>\" => { plugin, secret }."
  value       = local.plugin_secret_grants
}

output "declared_secrets" {
  description = "The Secret Manager secrets: every manifest's and the shell's."
  value       = local.declared_secrets
}

output "secret_accessors" {
  description = "Who may read each secret (roles/secretmanager.secretAccessor): secret id => service account emails."
  value       = local.secret_accessors
}

output "service_names" {
  description = "Cloud Run service name of each plugin."
  value       = local.service_names
}

output "service_account_ids" {
  description = "Service account id of each plugin (at most 30 characters)."
  value       = local.service_account_ids
}

output "plugin_list" {
  description = "BACKLOT_PLUGINS of the shell and every plugin: every plugin id, sorted, comma-separated."
  value       = local.plugin_list
}

output "service_audience_template" {
  description = "Audience of the Google ID tokens a plugin accepts, with {plugin} for its id: its deterministic run.app URL."
  value       = local.service_audience_template
}

output "plugin_audiences" {
  description = "The audience each plugin accepts Google ID tokens for: its deterministic run.app URL."
  value       = local.plugin_audiences
}

output "public_base_url" {
  description = "Public URL of the portal."
  value       = local.public_base_url
}

output "database_names" {
  description = "Database of each plugin with database: true."
  value       = local.database_names
}

output "database_users" {
  description = "IAM database user of each plugin with database: true."
  value       = local.database_users
}

output "plugin_env" {
  description = "Environment of each plugin's Cloud Run service: plugin id => { name => value }."
  value       = local.plugin_env
}

output "plugin_secret_env" {
  description = "Each plugin's environment variables that come from Secret Manager: plugin id => { name => secret id }."
  value       = local.plugin_secret_env
}

output "shell_env" {
  description = "Environment of the shell's Cloud Run service, without the variables that come from Secret Manager (shell_secret_env)."
  value       = local.shell_env
}

output "shell_volumes" {
  description = "The shell's Cloud Storage volumes: name => { bucket, mount_path, read_only }."
  value       = local.shell_volumes
}

output "shell_secret_env" {
  description = "Environment variables of the shell that come from Secret Manager: variable name => secret id."
  value       = local.shell_secret_env
}

output "plugin_invokers" {
  description = "Members with roles/run.invoker on each plugin's Cloud Run service: plugin id => members."
  value       = local.plugin_invokers
}

output "shell_invokers" {
  description = "Members with roles/run.invoker on the shell's Cloud Run service."
  value       = local.shell_invokers
}

output "openapi" {
  description = "The API gateway's OpenAPI document."
  value       = local.openapi
}

output "scheduler_jobs" {
  description = "One Cloud Scheduler job per manifest schedule: plugin, path, everyMinutes, cron, and the uri and OIDC audience of its POST."
  value       = local.scheduler_jobs
}
