terraform {
  required_version = ">= 1.11" # write-only arguments (secret_data_wo)

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.30, < 7.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.30, < 7.0"
    }
  }
}
