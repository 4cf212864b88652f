# CI publishers of blob-store plugins (techdocs-cli publish into the docs bucket): a service
# account each, with write access to that plugin's prefix only. The conditions and the reasons
# for them are in modules/service-config/publishers.tf; docs/techdocs.md shows how a team's CI
# uses the account (workload identity federation, no keys).

resource "google_service_account" "blob_publisher" {
  for_each = local.blob_publishers

  project      = var.project_id
  account_id   = each.value.account_id
  display_name = "Backlot ${each.key} publisher (CI)"
  description  = "Writes below ${each.value.prefix} in the docs bucket, nothing else."
}

resource "google_storage_bucket_iam_member" "blob_publisher_objects" {
  for_each = local.blob_publishers

  bucket = google_storage_bucket.docs.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.blob_publisher[each.key].email}"

  condition {
    title       = each.value.object_condition.title
    description = each.value.object_condition.description
    expression  = each.value.object_condition.expression
  }
}

resource "google_storage_bucket_iam_member" "blob_publisher_bucket" {
  for_each = local.blob_publishers

  bucket = google_storage_bucket.docs.name
  role   = "roles/storage.legacyBucketReader"
  member = "serviceAccount:${google_service_account.blob_publisher[each.key].email}"

  condition {
    title       = each.value.bucket_condition.title
    description = each.value.bucket_condition.description
    expression  = each.value.bucket_condition.expression
  }
}

# The CI identities (e.g. a GitHub Actions workload identity principalSet) act as the publisher.
resource "google_service_account_iam_member" "blob_publisher_ci" {
  for_each = local.blob_publisher_members

  service_account_id = google_service_account.blob_publisher[each.value.plugin].name
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value.member
}
