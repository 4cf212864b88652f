# Variables every environment root declares. This file lives once, in environments/common/, and
# each root (dev, staging, prod) links to it as variables.tf; a root's own variables are in its
# variables-<env>.tf. Not a root itself: run terraform in environments/<env>.
# DeploymentConsistencyTest fails when a root declares a variable it does not use, uses one it
# does not declare, or holds a copy of this file instead of the link. The module validates the
# values (modules/platform/variables.tf), so the roots do not repeat its validations.

variable "project_id" {
  description = "Google Cloud project of this environment."
  type        = string
}

variable "region" {
  description = "Region of the Cloud Run services, Cloud SQL, Artifact Registry and the API gateway."
  type        = string
  default     = "europe-west1"
}

variable "github_owner" {
  description = "GitHub organisation that owns the Backlot repository."
  type        = string
}

variable "github_repo" {
  description = "Name of the Backlot repository on GitHub."
  type        = string
  default     = "backlot"
}

variable "okta_issuer" {
  description = "Okta authorization server URL, such as https://acme.okta.com/oauth2/default."
  type        = string
}

variable "okta_client_id" {
  description = "Client id of the Okta OIDC web application (the client secret is in Secret Manager)."
  type        = string
}

variable "shell_domain" {
  description = "Custom domain of the portal (such as backlot.acme.example), mapped to the shell; null: none. See docs/deploy.md for verification and DNS."
  type        = string
  default     = null
}

variable "public_base_url" {
  description = "Public https URL of the portal when something other than shell_domain serves it; null: https://<shell_domain>, else the shell's run.app URL."
  type        = string
  default     = null
}

variable "alert_email" {
  description = "Email address alert policies notify (5xx, function errors, failing uptime checks); null: no notification channel."
  type        = string
  default     = null
}

variable "blob_store_publishers" {
  description = "CI publishers of blob-store plugins: plugin id => IAM members that may act as its publisher service account; the plugin's page in docs/ shows how CI uses it."
  type        = map(list(string))
  default     = {}
}
