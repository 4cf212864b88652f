# Cloud Build: one trigger per plugin manifest plus one for the shell, all running the repo's
# cloudbuild.yaml (test -> image -> deploy without traffic -> smoke test -> canary -> promote).
# The substitutions below are exactly the ones cloudbuild.yaml uses (Cloud Build rejects a
# build that is given one it does not use); DeploymentConsistencyTest checks both directions.

resource "google_service_account" "deployer" {
  project      = var.project_id
  account_id   = "backlot-deployer"
  display_name = "Backlot deployer (${var.env})"
  description  = "Runs the Cloud Build pipeline: pushes images, deploys revisions, shifts traffic."
}

resource "google_project_iam_member" "deployer" {
  for_each = toset([
    "roles/run.developer",     # deploy revisions, tag them, shift traffic
    "roles/logging.logWriter", # build logs (CLOUD_LOGGING_ONLY)
    "roles/logging.viewer",    # read the canary revision's request logs
  ])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_artifact_registry_repository_iam_member" "deployer" {
  project    = var.project_id
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.deployer.email}"
}

# Deploying a revision that runs as a service account needs actAs on that account.
resource "google_service_account_iam_member" "deployer_acts_as_plugin" {
  for_each = local.plugins

  service_account_id = google_service_account.plugin[each.key].name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_service_account_iam_member" "deployer_acts_as_shell" {
  service_account_id = google_service_account.shell.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}

# The smoke test calls the candidate revision as the deploy pipeline itself (the build's own
# Google ID token, `gcloud auth print-identity-token`), which Cloud Build mints only with this
# role on its service account. The functions know the account as the `deploy` principal, which
# only the routes that declare it accept; Cloud Run lets it in (module.config's invokers).
resource "google_service_account_iam_member" "deployer_mints_own_id_tokens" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.serviceAccountOpenIdTokenCreator"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}

locals {
  repository_url = "https://github.com/${var.github_owner}/${var.github_repo}"

  # What every image is built from besides its own module folder: the Maven build, the pipeline,
  # the shared modules, the AOT training script and the config layers the poms copy into
  # /app/config (app-config.local.yaml, which they leave out, is not in git). A change to any of
  # these rebuilds every image; DeploymentConsistencyTest checks the lists cover these inputs.
  image_build_inputs = [
    "pom.xml", ".mvn/**", "mvnw", "cloudbuild.yaml", "shared/**", "image/aot-train.sh", "app-config.yaml", "app-config.*.yaml",
  ]

  # A plugin's image also takes functions/pom.xml (its parent, with the Jib config) and
  # functions/image/jvm.args. Other plugins' folders stay out: a plugin depends on another only in
  # test scope (functions/github on functions/catalog), which never changes its image.
  plugin_build_inputs = concat(local.image_build_inputs, ["functions/pom.xml", "functions/image/**"])
}

resource "google_cloudbuild_trigger" "plugin" {
  for_each = local.plugins

  project         = var.project_id
  location        = "global"
  name            = "backlot-${each.key}-${var.env}"
  description     = "Test, build and roll out functions/${each.key} to ${var.env}."
  service_account = google_service_account.deployer.id

  filename       = var.deploy_on_push ? "cloudbuild.yaml" : null
  included_files = var.deploy_on_push ? concat(["functions/${each.key}/**"], local.plugin_build_inputs) : null

  dynamic "github" {
    for_each = var.deploy_on_push ? [1] : []
    content {
      owner = var.github_owner
      name  = var.github_repo
      push {
        branch = var.trigger_branch
      }
    }
  }

  # Promotion (prod): run by hand with _IMAGE_DIGEST set to the digest staging tested.
  dynamic "source_to_build" {
    for_each = var.deploy_on_push ? [] : [1]
    content {
      uri       = local.repository_url
      ref       = var.manual_trigger_ref
      repo_type = "GITHUB"
    }
  }

  dynamic "git_file_source" {
    for_each = var.deploy_on_push ? [] : [1]
    content {
      path      = "cloudbuild.yaml"
      uri       = local.repository_url
      revision  = var.manual_trigger_ref
      repo_type = "GITHUB"
    }
  }

  approval_config {
    approval_required = var.require_approval
  }

  substitutions = {
    _PLUGIN         = each.key
    _MODULE         = "functions/${each.key}"
    _ENV            = var.env
    _REGION         = var.region
    _SMOKE_PATH     = each.value.smokeTest
    _CANARY_PERCENT = tostring(var.canary_percent)
    _CANARY_SECONDS = tostring(var.canary_seconds)
    _CANARY_MAX_5XX = tostring(var.canary_max_5xx)
    _IMAGE_REPO     = local.image_registry
    _IMAGE_DIGEST   = ""
    _BASE_IMAGE     = local.base_image
  }

  depends_on = [google_project_service.apis]
}

resource "google_cloudbuild_trigger" "shell" {
  project         = var.project_id
  location        = "global"
  name            = "backlot-shell-${var.env}"
  description     = "Test, build and roll out frontend-shell to ${var.env}."
  service_account = google_service_account.deployer.id

  filename       = var.deploy_on_push ? "cloudbuild.yaml" : null
  included_files = var.deploy_on_push ? concat(["frontend-shell/**"], local.image_build_inputs) : null

  dynamic "github" {
    for_each = var.deploy_on_push ? [1] : []
    content {
      owner = var.github_owner
      name  = var.github_repo
      push {
        branch = var.trigger_branch
      }
    }
  }

  dynamic "source_to_build" {
    for_each = var.deploy_on_push ? [] : [1]
    content {
      uri       = local.repository_url
      ref       = var.manual_trigger_ref
      repo_type = "GITHUB"
    }
  }

  dynamic "git_file_source" {
    for_each = var.deploy_on_push ? [] : [1]
    content {
      path      = "cloudbuild.yaml"
      uri       = local.repository_url
      revision  = var.manual_trigger_ref
      repo_type = "GITHUB"
    }
  }

  approval_config {
    approval_required = var.require_approval
  }

  substitutions = {
    _PLUGIN         = "shell"
    _MODULE         = "frontend-shell"
    _ENV            = var.env
    _REGION         = var.region
    _SMOKE_PATH     = "/healthcheck"
    _CANARY_PERCENT = tostring(var.canary_percent)
    _CANARY_SECONDS = tostring(var.canary_seconds)
    _CANARY_MAX_5XX = tostring(var.canary_max_5xx)
    _IMAGE_REPO     = local.image_registry
    _IMAGE_DIGEST   = ""
    _BASE_IMAGE     = local.base_image
  }

  depends_on = [google_project_service.apis]
}
