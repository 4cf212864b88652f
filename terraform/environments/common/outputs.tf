# Outputs of every environment root; linked into each as outputs.tf (see variables.tf here).

output "plugins" {
  description = "Plugins found in functions/*/plugin.yaml with their service, URL and identity."
  value       = module.platform.plugins
}

output "gateway_url" {
  description = "API gateway URL."
  value       = module.platform.gateway_url
}

output "shell_url" {
  description = "Cloud Run URL of the shell."
  value       = module.platform.shell_url
}

output "public_base_url" {
  description = "Public URL of the portal."
  value       = module.platform.public_base_url
}

output "shell_domain_dns_records" {
  description = "DNS records to create for shell_domain (empty without one)."
  value       = module.platform.shell_domain_dns_records
}

output "image_registry" {
  description = "Artifact Registry path of this environment's images."
  value       = module.platform.image_registry
}

output "deployer_service_account" {
  description = "Service account of the Cloud Build triggers."
  value       = module.platform.deployer_service_account
}

output "secret_ids" {
  description = "Secrets to fill with gcloud secrets versions add."
  value       = module.platform.secret_ids
}

output "docs_bucket" {
  description = "The docs bucket, where CI publishers write below <plugin id>/ (blob_publisher_service_accounts)."
  value       = module.platform.docs_bucket
}

output "blob_publisher_service_accounts" {
  description = "Service account each CI publisher acts as: plugin id => email."
  value       = module.platform.blob_publisher_service_accounts
}
