# Optional shared cache (Memorystore Redis); plugins namespace their keys by plugin id.
resource "google_redis_instance" "cache" {
  count = var.redis_enabled ? 1 : 0

  project            = var.project_id
  name               = "backlot-${var.env}"
  region             = var.region
  tier               = var.env == "prod" ? "STANDARD_HA" : "BASIC"
  memory_size_gb     = var.redis_memory_size_gb
  authorized_network = google_compute_network.backlot.id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  redis_version      = "REDIS_7_2"
  labels             = local.labels

  depends_on = [google_service_networking_connection.private_services]
}
