# The docs bucket: the blob store of plugins whose manifest says blobStore: true.
resource "google_storage_bucket" "docs" {
  project                     = var.project_id
  name                        = "${var.project_id}-backlot-docs"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection
  labels                      = local.labels

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      num_newer_versions = 5
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}
