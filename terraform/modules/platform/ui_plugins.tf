# UI plugins (docs/ui-plugins.md): one folder each under plugins/, built on their own into one
# bucket that the shell serves at /ui-plugins/ (mounted read-only into its container). Adding a
# UI plugin is adding a folder: its trigger comes from the fileset below.

locals {
  ui_plugins = toset([for file in fileset(var.repo_root, "plugins/*/package.json") : basename(dirname(file))])

  # A UI plugin is built with the web UI's toolchain and against the shell's plugin API: a change
  # to either rebuilds every UI plugin (never the shell; its own trigger watches frontend-shell/**).
  ui_plugin_build_inputs = [
    "plugins/cloudbuild.yaml", "plugins/tsconfig.ui-plugin.json", "plugins/ui-plugin-env.d.ts",
    "frontend-shell/web/package.json", "frontend-shell/web/package-lock.json", "frontend-shell/web/ui-plugin-build/**",
    "frontend-shell/web/src/uiplugins/pluginApi.ts", "frontend-shell/web/src/uiplugins/pluginApiNames.json",
  ]
}

# Bundles are content-addressed and never overwritten; manifest.json is the one object a deploy
# changes, and manifests/ keeps every version of it (rollback = copy one back). Versioning keeps
# the overwritten manifest.json objects too.
resource "google_storage_bucket" "ui_plugins" {
  project                     = var.project_id
  name                        = local.shell_volumes["ui-plugins"].bucket
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
      num_newer_versions = 20
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}

# The shell only reads (its volume is read-only too); the pipeline writes bundles and manifests.
resource "google_storage_bucket_iam_member" "ui_plugins_shell" {
  bucket = google_storage_bucket.ui_plugins.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.shell.email}"
}

resource "google_storage_bucket_iam_member" "ui_plugins_deployer" {
  bucket = google_storage_bucket.ui_plugins.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_cloudbuild_trigger" "ui_plugin" {
  for_each = local.ui_plugins

  project         = var.project_id
  location        = "global"
  name            = "backlot-ui-${each.key}-${var.env}"
  description     = "Build plugins/${each.key} and install it in ${var.env}'s UI plugin manifest."
  service_account = google_service_account.deployer.id

  filename       = var.deploy_on_push ? "plugins/cloudbuild.yaml" : null
  included_files = var.deploy_on_push ? concat(["plugins/${each.key}/**"], local.ui_plugin_build_inputs) : null

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
      path      = "plugins/cloudbuild.yaml"
      uri       = local.repository_url
      revision  = var.manual_trigger_ref
      repo_type = "GITHUB"
    }
  }

  approval_config {
    approval_required = var.require_approval
  }

  substitutions = {
    _UI_PLUGIN = each.key
    _BUCKET    = google_storage_bucket.ui_plugins.name
  }

  depends_on = [google_project_service.apis]
}
