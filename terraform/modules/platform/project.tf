data "google_project" "this" {
  project_id = var.project_id
}

locals {
  labels = merge(var.labels, {
    app = "backlot"
    env = var.env
  })

  apis = toset(concat([
    "apigateway.googleapis.com",
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com",
    "compute.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "servicecontrol.googleapis.com",
    "servicemanagement.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
  ], var.redis_enabled ? ["redis.googleapis.com"] : []))

  # Registry the pipeline deploys from: this environment's own, or (prod) staging's.
  own_registry   = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
  image_registry = var.image_source_repository != "" ? var.image_source_repository : local.own_registry

  # The images' base (backlot.image.base in pom.xml), pulled through the Docker Hub cache.
  base_image = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.dockerhub.repository_id}/library/eclipse-temurin:25-jre"
}

resource "google_project_service" "apis" {
  for_each = local.apis

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

# Private network for Cloud SQL and Redis; Cloud Run reaches it through Direct VPC egress.
resource "google_compute_network" "backlot" {
  project                 = var.project_id
  name                    = "backlot-${var.env}"
  auto_create_subnetworks = false

  depends_on = [google_project_service.apis]
}

resource "google_compute_subnetwork" "run" {
  project                  = var.project_id
  name                     = "backlot-${var.env}-run"
  region                   = var.region
  network                  = google_compute_network.backlot.id
  ip_cidr_range            = var.subnet_cidr
  private_ip_google_access = true
}

resource "google_compute_global_address" "private_services" {
  project       = var.project_id
  name          = "backlot-${var.env}-private-services"
  network       = google_compute_network.backlot.id
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 20
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.backlot.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = "backlot"
  description   = "Backlot images: one per plugin and one for the shell, tagged with the commit."
  format        = "DOCKER"
  labels        = local.labels

  # Images are tagged with their commit by the pipeline; only untagged leftovers are cleaned up.
  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "2592000s"
    }
  }

  depends_on = [google_project_service.apis]
}

# Docker Hub through Artifact Registry: the base image's layers are pulled from here, cached in
# the project, so a build does not depend on Docker Hub's availability or rate limits.
resource "google_artifact_registry_repository" "dockerhub" {
  project       = var.project_id
  location      = var.region
  repository_id = "dockerhub"
  description   = "Docker Hub, cached: the JDK base image of every Backlot image."
  format        = "DOCKER"
  mode          = "REMOTE_REPOSITORY"
  labels        = local.labels

  remote_repository_config {
    description = "Docker Hub"
    docker_repository {
      public_repository = "DOCKER_HUB"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_artifact_registry_repository_iam_member" "deployer_pulls_base_images" {
  project    = var.project_id
  location   = google_artifact_registry_repository.dockerhub.location
  repository = google_artifact_registry_repository.dockerhub.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_artifact_registry_repository_iam_member" "readers" {
  for_each = toset(var.registry_readers)

  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = each.value
}
