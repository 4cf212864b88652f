# Who is who, and who may reach what: the names the services know their callers by, who may invoke
# each Cloud Run service, who may read each secret, and the databases and their IAM users.

locals {
  # A call to plugin <id> carries a Google ID token whose audience is that plugin's service URL
  # (the deterministic run.app form, known before the service exists). Functions expand
  # {plugin} themselves (backend.auth.serviceTokens.google.audienceTemplate).
  service_audience_template = "https://backlot-{plugin}-${var.project_number}.${var.region}.run.app"
  plugin_audiences          = { for id in keys(local.plugins) : id => replace(local.service_audience_template, "{plugin}", id) }

  # Where a function or the shell calls plugin <id>: its own service URL, never the public URL or
  # the gateway (discovery.endpoints in Backstage's {{pluginId}} form). The audience of such a
  # call's token is this URL's origin, the audience above.
  discovery_internal_target = "${replace(local.service_audience_template, "{plugin}", "{{pluginId}}")}/api/{{pluginId}}"

  # Public origin of the portal; the shell serves it and forwards /api/** to the gateway.
  public_base_url = coalesce(
    var.public_base_url,
    var.shell_domain == null ? null : "https://${var.shell_domain}",
    "https://backlot-shell-${var.project_number}.${var.region}.run.app",
  )

  # Every service caller is its own principal (plugin:<name>), known by its service account:
  # the scheduler's jobs, the shell resolving sign-ins, the gateway (a proxy: its token alone is
  # nobody), the deploy pipeline's smoke test, and each plugin calling another.
  trusted_service_accounts = join(",", concat(
    [for name in ["scheduler", "shell", "gateway", "deploy"] : "${name}=${var.identities[name]}"],
    [for id in sort(keys(var.plugin_service_accounts)) : "${id}=${var.plugin_service_accounts[id]}"],
  ))

  # roles/run.invoker on each plugin's service, checked by Cloud Run before a request reaches the
  # function (which then verifies the caller itself): the gateway, the pipeline's smoke test of a
  # new revision, and the services that call plugins directly at their run.app URLs (DESIGN.md:
  # plugin to plugin never goes through the gateway): the shell and every plugin, itself included,
  # as the catalog's scheduled refresh fans its units out to its own URL (docs/catalog.md).
  # A plugin with a task queue (tasks.tf) is also invoked by its Cloud Tasks, with the tokens of
  # the account they name.
  plugin_invokers = {
    for id in keys(local.plugins) : id => sort(distinct([
      for email in concat([var.identities.gateway, var.identities.deploy, var.identities.shell],
        values(var.plugin_service_accounts),
      contains(keys(local.task_queues), id) ? [local.task_queues[id].service_account] : []) : "serviceAccount:${email}"
    ]))
  }
  shell_invokers = concat(var.shell_public ? ["allUsers"] : [], ["serviceAccount:${var.identities.deploy}"])

  # The secrets declared without values: the union of every manifest's and the shell's. Each
  # plugin reads exactly the secrets its manifest lists and those of its environment, the shell its
  # own.
  declared_secrets = toset(concat(flatten([for p in local.plugins : p.secrets]), values(local.shell_secret_env)))
  secret_accessors = {
    for secret in setunion(local.declared_secrets, values(var.plugin_secret_env)) : secret => sort(distinct(concat(
      [for grant in values(local.plugin_secret_grants) : var.plugin_service_accounts[grant.plugin] if grant.secret == secret],
      contains(values(var.plugin_secret_env), secret) ? values(var.plugin_service_accounts) : [],
      contains(values(local.shell_secret_env), secret) ? [var.identities.shell] : [],
    )))
  }

  # The name the platform's Databases.databaseName opens: backlot_ + the id, hyphens as
  # underscores. Each plugin signs in as its service account; Cloud SQL names an IAM service
  # account user by its email without ".gserviceaccount.com".
  database_names = { for id in keys(local.database_plugins) : id => "backlot_${replace(id, "-", "_")}" }
  database_users = { for id in keys(local.database_plugins) : id => trimsuffix(var.plugin_service_accounts[id], ".gserviceaccount.com") }
}
