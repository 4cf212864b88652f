# The addresses and identities the services are wired with. modules/platform gives the real
# resources' attributes; terraform/rehearsal gives the local stand-ins of ./backlot rehearse. The
# platform module validates the values people set; these are computed or passed through.

variable "repo_root" {
  description = "Path of the repository root (the folder holding functions/*/plugin.yaml)."
  type        = string
}

variable "env" {
  description = "Environment name (dev, staging, prod): part of resource names and titles."
  type        = string
}

variable "config_profile" {
  description = "Value of BACKLOT_ENV: selects the app-config.<profile>.yaml layer the services read."
  type        = string
}

variable "project_id" {
  description = "Google Cloud project id."
  type        = string
}

variable "project_number" {
  description = "Google Cloud project number: part of the services' deterministic run.app URLs."
  type        = string
}

variable "region" {
  description = "Cloud Run region."
  type        = string
}

variable "public_base_url" {
  description = "Public URL of the portal when set explicitly; null: https://<shell_domain>, else the shell's run.app URL."
  type        = string
  default     = null
}

variable "shell_domain" {
  description = "Custom domain of the portal, or null."
  type        = string
  default     = null
}

variable "gateway_url" {
  description = "Base URL of the API gateway (https://<its default hostname>); empty while no plugin exists."
  type        = string
}

variable "okta_issuer" {
  description = "Okta authorization server the shell signs users in with."
  type        = string
}

variable "okta_client_id" {
  description = "Client id of the shell's Okta application."
  type        = string
}

variable "shell_secret_env" {
  description = "Environment variables of the shell that come from Secret Manager: variable name => secret id. Null: the default."
  type        = map(string)
  nullable    = false
  default = {
    OKTA_OAUTH2_CLIENT_SECRET = "backlot-okta-client-secret"
    # The EC P-256 private JWK the shell signs user tokens with (docs/deploy.md shows how to make one).
    BACKEND_AUTH_USERTOKENS_SIGNINGKEY = "backlot-user-token-signing-key"
  }

  validation {
    condition     = alltrue([for s in values(var.shell_secret_env) : can(regex("^[a-zA-Z0-9_-]{1,255}$", s))])
    error_message = "shell_secret_env values must be Secret Manager secret ids."
  }
}

variable "plugin_secret_env" {
  description = "Environment variables of every plugin that come from Secret Manager: variable name => secret id. Every plugin may read these secrets."
  type        = map(string)
  default     = {}
}

variable "shell_public" {
  description = "Anyone may reach the shell (it signs users in itself)."
  type        = bool
}

variable "identities" {
  description = "Emails of the platform's own callers: the scheduler's jobs, the shell, the API gateway and the deploy pipeline (Cloud Build)."
  type = object({
    scheduler = string
    shell     = string
    gateway   = string
    deploy    = string
  })
}

variable "plugin_service_accounts" {
  description = "Email of each plugin's service account: plugin id => email."
  type        = map(string)

  validation {
    condition     = length(setintersection(keys(var.plugin_service_accounts), ["scheduler", "shell", "gateway", "deploy"])) == 0
    error_message = "A plugin may not be called scheduler, shell, gateway or deploy: those names are the platform's own callers."
  }
}

variable "plugin_service_urls" {
  description = "URL of each plugin's Cloud Run service (its uri): plugin id => https://... The gateway's backends."
  type        = map(string)
}

variable "cloudsql_instance" {
  description = "Cloud SQL connection name (project:region:instance), or null without a plugin that has database: true."
  type        = string
  default     = null
}

variable "docs_bucket" {
  description = "Bucket of the plugins with blobStore: true."
  type        = string
}

variable "cache_env" {
  description = "What every plugin needs to reach the shared cache (Memorystore), such as BACKLOT_REDIS_URL. Empty: caches stay in memory."
  type        = map(string)
  default     = {}
}

variable "request_timeout_seconds" {
  description = "Cloud Run request timeout and API Gateway backend deadline."
  type        = number
}

variable "blob_store_publishers" {
  description = "Who publishes into a blob-store plugin's part of the docs bucket from outside (CI): plugin id => IAM members allowed to act as its publisher service account (a workload identity principalSet, or a CI service account). Each id must be a plugin with blobStore: true."
  type        = map(list(string))
  default     = {}
}
