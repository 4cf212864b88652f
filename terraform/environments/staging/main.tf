# Backlot staging environment. Everything plugin-specific comes from functions/*/plugin.yaml
# through the platform module; this file only holds what differs between environments.

terraform {
  required_version = ">= 1.11" # write-only arguments (secret_data_wo)

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.49.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.49.0"
    }
  }

  # The bucket is given at init time (it must be globally unique):
  #   terraform init -backend-config="bucket=<state-bucket>"
  backend "gcs" {
    prefix = "backlot/staging"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

module "platform" {
  source = "../../modules/platform"

  providers = {
    google      = google
    google-beta = google-beta
  }

  repo_root       = "${path.root}/../../.."
  env             = "staging"
  project_id      = var.project_id
  region          = var.region
  github_owner    = var.github_owner
  github_repo     = var.github_repo
  okta_issuer     = var.okta_issuer
  okta_client_id  = var.okta_client_id
  public_base_url = var.public_base_url
  shell_domain    = var.shell_domain
  alert_email     = var.alert_email

  blob_store_publishers = var.blob_store_publishers

  # Deploys every push to main with a short canary; images built here are what prod runs.
  deletion_protection             = false
  database_point_in_time_recovery = false
  canary_percent                  = 10
  canary_seconds                  = 300
  deploy_on_push                  = true
  trigger_branch                  = "^main$"
  registry_readers                = var.registry_readers
}
