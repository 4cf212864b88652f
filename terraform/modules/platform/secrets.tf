# Secret Manager secrets are declared here WITHOUT values: the union of every manifest's
# secrets plus the shell's (local.declared_secrets, from modules/service-config). Values are
# added out of band (gcloud secrets versions add, see docs/deploy.md) and never pass through
# Terraform state.

resource "google_secret_manager_secret" "declared" {
  for_each = local.declared_secrets

  project   = var.project_id
  secret_id = each.value
  labels    = local.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}
