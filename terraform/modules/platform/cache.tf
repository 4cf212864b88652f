# Optional shared cache (Memorystore Redis); plugins namespace their keys by plugin id. What it
# holds becomes catalog input (GitHub file text), so a client must know the AUTH string and talk
# TLS to a server that proves, with the instance's own CA, that it is the instance.
resource "google_redis_instance" "cache" {
  count = var.redis_enabled ? 1 : 0

  project                 = var.project_id
  name                    = "backlot-${var.env}"
  region                  = var.region
  tier                    = var.env == "prod" ? "STANDARD_HA" : "BASIC"
  memory_size_gb          = var.redis_memory_size_gb
  authorized_network      = google_compute_network.backlot.id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  redis_version           = "REDIS_7_2"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  labels                  = local.labels

  depends_on = [google_service_networking_connection.private_services]
}

locals {
  # What a plugin needs to reach the cache (app-config.production.yaml): the address for its
  # rediss:// URL and the server CA(s) to trust, both public (during a CA rotation, both CAs).
  # The AUTH string is not here: it reaches the plugins from Secret Manager only.
  redis_env = var.redis_enabled ? {
    BACKLOT_REDIS_ADDRESS         = "${google_redis_instance.cache[0].host}:${google_redis_instance.cache[0].port}"
    BACKLOT_REDIS_CA_CERTIFICATES = join("\n", google_redis_instance.cache[0].server_ca_certs[*].cert)
  } : {}
}

# The AUTH string Memorystore generates, kept in Secret Manager for the plugins' environment
# (a secret reference, never a plain value, never an output). Unlike the secrets declared in
# secrets.tf, Terraform writes this version: the value is Google's, already in the state as the
# instance's auth_string, and changes when the instance is replaced.
resource "google_secret_manager_secret" "redis_auth" {
  count = var.redis_enabled ? 1 : 0

  project   = var.project_id
  secret_id = "redis-auth-string"
  labels    = local.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "redis_auth" {
  count = var.redis_enabled ? 1 : 0

  secret = google_secret_manager_secret.redis_auth[0].id
  # Write-only: the value is not kept in Terraform state a second time (the instance's auth_string
  # attribute is, which the provider cannot avoid). Raise the version to store a rotated string.
  secret_data_wo         = google_redis_instance.cache[0].auth_string
  secret_data_wo_version = 1
}

resource "google_secret_manager_secret_iam_member" "plugin_redis_auth" {
  for_each = var.redis_enabled ? local.plugins : {}

  project   = var.project_id
  secret_id = google_secret_manager_secret.redis_auth[0].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.plugin[each.key].email}"
}
