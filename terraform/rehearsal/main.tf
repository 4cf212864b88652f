# ./backlot rehearse: every service's configuration exactly as modules/platform deploys it, with
# local stand-ins for what only Google Cloud has. No providers and no resources: `terraform
# apply` only evaluates modules/service-config (offline, in a second), and the rehearsal
# (dev.backlot.local.rehearsal in shared/local-portal) starts every function and the shell with
# the environments it outputs, routes the gateway by its OpenAPI document and lets in whom the
# invoker lists name.
#
# The addresses are Google's own forms: run.app and gateway.dev URLs, service account emails.
# The rehearsal's network resolves them to local processes, so the values below, the audiences
# in particular, are byte for byte what a deployment of this project would compute.

terraform {
  required_version = ">= 1.6"
}

locals {
  project_id     = "backlot-rehearsal"
  project_number = "123456789012"
  region         = "europe-west1"
  # Short region code in a.run.app and gateway.dev host names.
  region_code = "ew"
  env         = "rehearsal"

  request_timeout_seconds = 60

  # Service accounts as modules/platform names them: <account id>@<project>.iam.gserviceaccount.com.
  account_domain = "@${local.project_id}.iam.gserviceaccount.com"
  identities = {
    scheduler = "backlot-scheduler${local.account_domain}"
    shell     = "backlot-shell${local.account_domain}"
    gateway   = "backlot-gateway${local.account_domain}"
    deploy    = "backlot-deployer${local.account_domain}"
  }
  plugin_service_accounts = { for id, account in module.config.service_account_ids : id => "${account}${local.account_domain}" }

  # A Cloud Run service's uri is its non-deterministic URL, https://<service>-<hash>-<region
  # code>.a.run.app; it also answers at the deterministic one the audiences name.
  run_hash            = "r3h34r5a1q"
  plugin_service_urls = { for id, name in module.config.service_names : id => "https://${name}-${local.run_hash}-${local.region_code}.a.run.app" }
  shell_service_url   = "https://backlot-shell-${local.run_hash}-${local.region_code}.a.run.app"
  gateway_url         = "https://backlot-${local.env}-2x7kq9pd.${local.region_code}.gateway.dev"
}

module "config" {
  source = "../modules/service-config"

  repo_root               = var.repo_root
  env                     = local.env
  config_profile          = "production"
  project_id              = local.project_id
  project_number          = local.project_number
  region                  = local.region
  gateway_url             = local.gateway_url
  okta_issuer             = var.okta_issuer
  okta_client_id          = "backlot-rehearsal"
  shell_public            = true
  request_timeout_seconds = local.request_timeout_seconds

  identities              = local.identities
  plugin_service_accounts = local.plugin_service_accounts
  plugin_service_urls     = local.plugin_service_urls

  # PostgreSQL on loopback stands in for the Cloud SQL instance, a folder for the bucket. The cache
  # stays in memory: Memorystore requires AUTH and TLS (rediss://), which the machine's Redis lacks.
  cloudsql_instance = "${local.project_id}:${local.region}:backlot-${local.env}"
  docs_bucket       = "${local.project_id}-backlot-docs"
  cache_env         = {}
}
