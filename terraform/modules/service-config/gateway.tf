# The API gateway's OpenAPI document, rendered from the manifests: every plugin's route prefix
# (and everything below it) reaches that plugin's Cloud Run service with the gateway's own
# Google identity, minted for the audience the function accepts (its deterministic run.app URL,
# which Cloud Run accepts too, as it does all of a service's URLs).

locals {
  openapi = templatefile("${path.module}/templates/openapi.yaml.tftpl", {
    title         = "backlot-${var.env}"
    plugins       = local.plugins
    backends      = var.plugin_service_urls
    audiences     = local.plugin_audiences
    operation_ids = { for id in keys(local.plugins) : id => replace(id, "-", "_") }
    deadline      = var.request_timeout_seconds
  })
}
