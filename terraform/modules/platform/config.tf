# What the services are given and how they reach one another, computed without any provider by
# modules/service-config from the manifests and the real resources' addresses and identities:
# each Cloud Run service's environment, the gateway's OpenAPI document, the scheduler's calls,
# who may invoke each service and read each secret. terraform/rehearsal runs the same module with
# local stand-ins (./backlot rehearse), so what is rehearsed is what is deployed.

module "config" {
  source = "../service-config"

  repo_root               = var.repo_root
  env                     = var.env
  config_profile          = var.config_profile
  project_id              = var.project_id
  project_number          = data.google_project.this.number
  region                  = var.region
  public_base_url         = var.public_base_url
  shell_domain            = var.shell_domain
  gateway_url             = local.gateway_url
  okta_issuer             = var.okta_issuer
  okta_client_id          = var.okta_client_id
  shell_secret_env        = var.shell_secret_env
  shell_public            = var.shell_public
  request_timeout_seconds = var.request_timeout_seconds

  identities = {
    scheduler = google_service_account.scheduler.email
    shell     = google_service_account.shell.email
    gateway   = google_service_account.gateway.email
    deploy    = google_service_account.deployer.email
  }
  plugin_service_accounts = { for id, account in google_service_account.plugin : id => account.email }
  plugin_service_urls     = { for id, service in google_cloud_run_v2_service.plugin : id => service.uri }

  cloudsql_instance     = length(google_sql_database_instance.main) > 0 ? google_sql_database_instance.main[0].connection_name : null
  docs_bucket           = google_storage_bucket.docs.name
  blob_store_publishers = var.blob_store_publishers
  cache_env             = local.redis_env
  # Memorystore's AUTH string, read by Cloud Run from Secret Manager (cache.tf).
  plugin_secret_env = var.redis_enabled ? { BACKLOT_REDIS_PASSWORD = google_secret_manager_secret.redis_auth[0].secret_id } : {}
}

# The module's results under the names the resources here use.
locals {
  plugins                = module.config.plugins
  database_plugins       = module.config.database_plugins
  blob_plugins           = module.config.blob_plugins
  plugin_secret_grants   = module.config.plugin_secret_grants
  declared_secrets       = module.config.declared_secrets
  service_names          = module.config.service_names
  service_account_ids    = module.config.service_account_ids
  scheduler_jobs         = module.config.scheduler_jobs
  public_base_url        = module.config.public_base_url
  database_names         = module.config.database_names
  database_users         = module.config.database_users
  plugin_env             = module.config.plugin_env
  plugin_secret_env      = module.config.plugin_secret_env
  shell_env              = module.config.shell_env
  shell_volumes          = module.config.shell_volumes
  shell_secret_env       = module.config.shell_secret_env
  plugin_invokers        = module.config.plugin_invokers
  shell_invokers         = module.config.shell_invokers
  openapi                = module.config.openapi
  blob_publishers        = module.config.blob_publishers
  blob_publisher_members = module.config.blob_publisher_members
  task_queues            = module.config.task_queues
}
