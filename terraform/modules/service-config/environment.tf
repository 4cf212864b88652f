# The environment of each Cloud Run service; the names match app-config.production.yaml (and,
# for the shell, the Spring properties of frontend-shell). Variables a plugin does not need (no
# database, no blob store) are left out rather than set empty.

locals {
  plugin_env = {
    for id, p in local.plugins : id => {
      for name, value in merge(var.cache_env, lookup(local.task_queue_env, id, {}), {
        BACKLOT_ENV               = var.config_profile
        BACKLOT_DEPLOYMENT        = var.env
        BACKLOT_PLUGIN_ID         = p.id
        BACKLOT_BACKEND_URL       = local.public_base_url
        FUNCTION_TARGET           = p.entryPoint
        GOOGLE_CLOUD_PROJECT      = var.project_id
        BACKLOT_CACHE_STORE       = length(var.cache_env) == 0 ? "memory" : "redis"
        BACKLOT_CLOUDSQL_INSTANCE = p.database ? var.cloudsql_instance : null
        BACKLOT_DATABASE_NAME     = p.database ? local.database_names[id] : null
        BACKLOT_DATABASE_USER     = p.database ? local.database_users[id] : null
        BACKLOT_DOCS_BUCKET       = p.blobStore ? var.docs_bucket : null
        # Who may call: users with the shell's tokens, and the service accounts named here.
        BACKLOT_USER_JWKS_URL             = "${local.public_base_url}/.well-known/jwks.json"
        BACKLOT_SERVICE_AUDIENCE_TEMPLATE = local.service_audience_template
        BACKLOT_TRUSTED_SERVICE_ACCOUNTS  = local.trusted_service_accounts
        # API Gateway passes on requests without a token too, with only its own.
        BACKLOT_PROXY_SERVICE_ACCOUNTS = var.identities.gateway
        # Other plugins are called at their own service URLs (discovery.endpoints), not through
        # the public URL, whose /api/** needs a browser's session.
        BACKLOT_DISCOVERY_TARGET = local.discovery_internal_target
        BACKLOT_PLUGINS          = local.plugin_list
      }) : name => value if value != null
    }
  }
  # Cloud Run reads these from Secret Manager when an instance starts.
  plugin_secret_env = { for id in keys(local.plugins) : id => var.plugin_secret_env }

  shell_env = {
    BACKLOT_ENV           = var.config_profile
    BACKLOT_DEPLOYMENT    = var.env
    OKTA_OAUTH2_ISSUER    = var.okta_issuer
    OKTA_OAUTH2_CLIENT_ID = var.okta_client_id
    # Where the shell sends /api/** (backend.baseUrl, which for the functions is the public URL).
    BACKEND_BASEURL = var.gateway_url
    # The shell resolves sign-ins in the catalog with its Google identity, minted for the
    # catalog's URL (the production config layer reads this, as the functions' does).
    BACKLOT_SERVICE_AUDIENCE_TEMPLATE = local.service_audience_template
    # The shell calls the catalog at its own service URL (discovery.endpoints).
    BACKLOT_DISCOVERY_TARGET = local.discovery_internal_target
    # The web UI's sidebar lists the backend plugins deployed; discovery too.
    BACKLOT_PLUGINS = local.plugin_list
    # The installed UI plugins, served at /ui-plugins/ from the bucket mounted there (shell_volumes).
    BACKLOT_UIPLUGINS_FOLDER = local.shell_volumes["ui-plugins"].mount_path
  }
  # The shell's Cloud Storage volumes: the UI plugins' bucket (docs/ui-plugins.md), read-only; the
  # platform creates the bucket by this name and mounts it here, the rehearsal mounts a stand-in.
  shell_volumes = {
    "ui-plugins" = {
      bucket     = "${var.project_id}-backlot-ui-plugins"
      mount_path = "/ui-plugins"
      read_only  = true
    }
  }
  # Cloud Run reads these from Secret Manager when an instance starts.
  shell_secret_env = var.shell_secret_env
}
