# Publishers: CI pipelines that write into one blob-store plugin's part of the docs bucket,
# as teams' CI runs `techdocs-cli publish --publisher-type googleGcs --storage-name <docs bucket>
# --gcsBucketRootPath <plugin id>`. Each gets its own service account (modules/platform), granted
# only what publishing needs, by IAM conditions on that prefix:
#   - objects: create, read, overwrite and delete objects whose name starts with "<id>/"
#     (roles/storage.objectUser, conditioned on the object's resource name);
#   - the bucket: read its metadata (techdocs-cli checks the bucket first) and list objects only
#     with a prefix inside "<id>/" (roles/storage.legacyBucketReader, conditioned on the bucket's
#     name and on storage.googleapis.com/objectListPrefix, which a list request without a prefix
#     sets to "" and other requests leave unset).
# Nothing else in the bucket (another plugin's objects, e.g. API definitions) can be read or
# written. The prefix is the plugin id because that is where the plugin's blob store keeps its
# objects in GCP (blobStore.gcs.prefix defaults to the plugin id).

locals {
  blob_publishers = {
    for id, members in var.blob_store_publishers : id => {
      plugin = id
      prefix = "${id}/"
      # Service account ids are at most 30 characters: long plugin ids keep a hash suffix.
      account_id = length("backlot-pub-${id}") <= 30 ? "backlot-pub-${id}" : "bl-pub-${substr(id, 0, 16)}-${substr(sha1(id), 0, 6)}"
      members    = members
      object_condition = {
        title       = "Only objects below ${id}/"
        description = "Publishes ${id}'s objects in the docs bucket and nothing else."
        expression  = "resource.name.startsWith(\"projects/_/buckets/${var.docs_bucket}/objects/${id}/\")"
      }
      bucket_condition = {
        title       = "Bucket metadata; listing only below ${id}/"
        description = "Lets the publisher check the bucket and list ${id}'s objects to remove stale ones."
        expression  = "resource.name == \"projects/_/buckets/${var.docs_bucket}\" && api.getAttribute(\"storage.googleapis.com/objectListPrefix\", \"${id}/\").startsWith(\"${id}/\")"
      }
    }
  }

  # One entry per (plugin, member) pair allowed to act as the plugin's publisher.
  blob_publisher_members = {
    for grant in flatten([
      for id, p in local.blob_publishers : [for member in p.members : { plugin = id, member = member }]
    ]) : "${grant.plugin}/${grant.member}" => grant
  }
}

output "blob_publishers" {
  description = "Per blob-store plugin published from outside: its prefix, publisher service account id, the members who may act as it, and the IAM conditions of its two grants."
  value       = local.blob_publishers

  precondition {
    condition     = alltrue([for id in keys(var.blob_store_publishers) : contains(keys(local.blob_plugins), id)])
    error_message = "blob_store_publishers names plugins without blobStore: true (or no plugin at all): ${join(", ", [for id in keys(var.blob_store_publishers) : id if !contains(keys(local.blob_plugins), id)])}."
  }
}

output "blob_publisher_members" {
  description = "One entry per (plugin, member) allowed to act as that plugin's publisher service account: \"<plugin>/<member>\" => { plugin, member }."
  value       = local.blob_publisher_members
}
