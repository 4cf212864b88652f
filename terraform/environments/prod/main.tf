# Backlot prod environment. Everything plugin-specific comes from functions/*/plugin.yaml
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
    prefix = "backlot/prod"
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
  env             = "prod"
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

  # Never builds: promotes the digests staging built and tested, after an approval.
  deletion_protection             = true
  database_point_in_time_recovery = true
  database_high_availability      = true
  database_backup_retention_count = 30
  canary_percent                  = 10
  canary_seconds                  = 900
  deploy_on_push                  = false
  require_approval                = true
  image_source_repository         = var.image_source_repository
  redis_enabled                   = var.redis_enabled
  # Audit events outlive the default bucket; locking the bucket is left to the operator (irreversible).
  audit_log_retention_days = 400
}
