variable "project_id" {
  description = "Google Cloud project of this environment."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the Cloud Run services, Cloud SQL, Artifact Registry and the API gateway."
  type        = string
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1."
  }
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

variable "public_base_url" {
  description = "Public https URL of the portal when it has a custom domain; null uses the shell's run.app URL."
  type        = string
  default     = null
}

variable "registry_readers" {
  description = "Members that may pull staging's images: the prod project's Cloud Run service agent, so prod runs the digests staging tested."
  type        = list(string)
  default     = []
}
