# The API gateway: its OpenAPI document (local.openapi, rendered by modules/service-config from
# the plugin manifests) routes every plugin's route prefix (and everything below it) to that
# plugin's Cloud Run service. The gateway calls each service with a Google-signed identity token
# of its own service account; the caller's Authorization header arrives at the service as
# X-Forwarded-Authorization, and every function verifies it itself.

resource "google_service_account" "gateway" {
  project      = var.project_id
  account_id   = "backlot-gateway"
  display_name = "Backlot API gateway (${var.env})"
  description  = "Identity the API gateway calls the plugin services with."
}

locals {
  # API Gateway needs at least one route, so it appears with the first plugin.
  gateway_enabled = length(local.plugins) > 0
  gateway_region  = coalesce(var.gateway_region, var.region)
}

resource "google_api_gateway_api" "backlot" {
  provider = google-beta

  project      = var.project_id
  api_id       = "backlot-${var.env}"
  display_name = "Backlot ${var.env}"
  labels       = local.labels

  depends_on = [google_project_service.apis]
}

resource "google_project_service" "gateway_api" {
  project            = var.project_id
  service            = google_api_gateway_api.backlot.managed_service
  disable_on_destroy = false
}

resource "google_api_gateway_api_config" "backlot" {
  provider = google-beta
  count    = local.gateway_enabled ? 1 : 0

  project              = var.project_id
  api                  = google_api_gateway_api.backlot.api_id
  api_config_id_prefix = "backlot-${var.env}-"
  display_name         = "Backlot ${var.env} (${length(local.plugins)} plugins)"
  labels               = local.labels

  openapi_documents {
    document {
      path     = "openapi.yaml"
      contents = base64encode(local.openapi)
    }
  }

  gateway_config {
    backend_config {
      google_service_account = google_service_account.gateway.email
    }
  }

  lifecycle {
    # A new config is created before the gateway moves off the old one.
    create_before_destroy = true
  }
}

resource "google_api_gateway_gateway" "backlot" {
  provider = google-beta
  count    = local.gateway_enabled ? 1 : 0

  project      = var.project_id
  region       = local.gateway_region
  gateway_id   = "backlot-${var.env}"
  display_name = "Backlot ${var.env}"
  api_config   = google_api_gateway_api_config.backlot[0].id
  labels       = local.labels

  depends_on = [google_project_service.gateway_api]
}
