variable "repo_root" {
  description = "Path of the repository root (the folder holding functions/*/plugin.yaml)."
  type        = string
}

variable "okta_issuer" {
  description = "Issuer URL of the OIDC provider standing in for Okta."
  type        = string
}

