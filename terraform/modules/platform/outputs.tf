output "plugins" {
  description = "Every plugin found in functions/*/plugin.yaml: service name, URL and service account."
  value = {
    for id, p in local.plugins : id => {
      service         = google_cloud_run_v2_service.plugin[id].name
      url             = google_cloud_run_v2_service.plugin[id].uri
      service_account = google_service_account.plugin[id].email
      route_prefix    = p.routePrefix
      database        = p.database ? google_sql_database.plugin[id].name : null
    }
  }
}

output "gateway_url" {
  description = "Base URL of the API gateway (empty until the first plugin exists)."
  value       = local.gateway_url
}

output "shell_url" {
  description = "URL of the backlot-shell Cloud Run service."
  value       = google_cloud_run_v2_service.shell.uri
}

output "shell_domain_dns_records" {
  description = "DNS records to create for shell_domain (empty without one): type, name and value each."
  value = length(google_cloud_run_domain_mapping.shell) == 0 ? [] : [
    for r in google_cloud_run_domain_mapping.shell[0].status[0].resource_records : {
      type  = r.type
      name  = r.name
      value = r.rrdata
    }
  ]
}

output "public_base_url" {
  description = "Public URL of the portal; register <this>/login/oauth2/code/okta as the Okta redirect URI."
  value       = local.public_base_url
}

output "image_registry" {
  description = "Artifact Registry path of this environment's images (<registry>/<plugin>:<commit>)."
  value       = local.own_registry
}

output "deployer_service_account" {
  description = "Service account the Cloud Build triggers run as."
  value       = google_service_account.deployer.email
}

output "secret_ids" {
  description = "Secret Manager secrets declared without a value; add one with gcloud secrets versions add."
  value       = sort(tolist(local.declared_secrets))
}

output "database_instance" {
  description = "Cloud SQL connection name (null when no plugin has database: true)."
  value       = length(google_sql_database_instance.main) > 0 ? google_sql_database_instance.main[0].connection_name : null
}

output "blob_publisher_service_accounts" {
  description = "Service account each CI publisher acts as (blob_store_publishers): plugin id => email; it writes only below <id>/ in the docs bucket."
  value       = { for id, account in google_service_account.blob_publisher : id => account.email }
}

output "docs_bucket" {
  description = "Bucket of the plugins with blobStore: true."
  value       = google_storage_bucket.docs.name
}
