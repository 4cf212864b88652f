# The plugin manifests are the single source of truth: every functions/<id>/plugin.yaml becomes
# a Cloud Run service, a service account with exactly the access the manifest asks for, a Cloud
# Build trigger and API Gateway routes (modules/platform), and the environment, routes and
# scheduler calls computed here. Adding a plugin folder needs no edit under terraform/.
#
# PluginManifestParser (Java) validates the same files strictly in every build; the
# preconditions in modules/platform only keep Terraform from acting on a file that build would
# reject. DeploymentConsistencyTest checks that every manifest field read here and in
# modules/platform exists in the Java PluginManifest record and that the defaults agree with the
# parser's.

locals {
  manifest_files = fileset(var.repo_root, "functions/*/plugin.yaml")

  # Raw manifests, keyed by folder name.
  manifests = {
    for f in local.manifest_files : basename(dirname(f)) => yamldecode(file("${var.repo_root}/${f}"))
  }

  # Defaults of the optional manifest fields, as PluginManifestParser applies them.
  manifest_defaults = {
    database  = false
    blobStore = false
    secrets   = []
    settings  = []
    smokeTest = "/healthcheck"
    schedules = []
    resources = {
      memory       = "512Mi"
      cpu          = "1"
      minInstances = 0
      maxInstances = 10
      concurrency  = 80
    }
  }

  # The manifests with defaults applied: exactly the fields of the Java PluginManifest record.
  # try(...) covers an absent key, coalesce(...) an explicit null; [*] turns a null list into [].
  plugins = {
    for folder, m in local.manifests : folder => {
      id          = m.id
      entryPoint  = m.entryPoint
      routePrefix = coalesce(try(m.routePrefix, null), "/api/${m.id}")
      database    = coalesce(try(m.database, null), local.manifest_defaults.database)
      blobStore   = coalesce(try(m.blobStore, null), local.manifest_defaults.blobStore)
      secrets     = try(m.secrets[*], local.manifest_defaults.secrets)
      settings    = try(m.settings[*], local.manifest_defaults.settings)
      smokeTest   = coalesce(try(m.smokeTest, null), local.manifest_defaults.smokeTest)
      schedules   = try([for s in m.schedules : { path = s.path, everyMinutes = s.everyMinutes }], local.manifest_defaults.schedules)
      resources = {
        memory       = coalesce(try(m.resources.memory, null), local.manifest_defaults.resources.memory)
        cpu          = tostring(coalesce(try(m.resources.cpu, null), local.manifest_defaults.resources.cpu))
        minInstances = coalesce(try(m.resources.minInstances, null), local.manifest_defaults.resources.minInstances)
        maxInstances = coalesce(try(m.resources.maxInstances, null), local.manifest_defaults.resources.maxInstances)
        concurrency  = coalesce(try(m.resources.concurrency, null), local.manifest_defaults.resources.concurrency)
      }
    }
  }

  database_plugins = { for id, p in local.plugins : id => p if p.database }
  blob_plugins     = { for id, p in local.plugins : id => p if p.blobStore }

  # One Cloud Scheduler job per manifest schedule (scheduler.tf). The parser accepts only the
  # intervals a cron step repeats exactly: divisors of an hour, and whole hours dividing a day.
  schedule_jobs = {
    for job in flatten([
      for id, p in local.plugins : [
        for s in p.schedules : {
          plugin       = id
          path         = "${p.routePrefix}${s.path}"
          everyMinutes = s.everyMinutes
          cron = (
            s.everyMinutes < 60 ? "*/${s.everyMinutes} * * * *" :
            s.everyMinutes < 1440 ? "0 */${s.everyMinutes / 60} * * *" : "0 0 * * *"
          )
        }
      ]
    ]) : "${job.plugin}${replace(job.path, "/", "-")}" => job
  }

  # BACKLOT_PLUGINS of the shell (its sidebar links to the plugins deployed) and of every
  # function (discovery.endpoints sends calls to these plugins to their own service URLs).
  plugin_list = join(",", sort([for p in local.plugins : p.id]))

  # One entry per (plugin, secret) pair: each plugin is granted exactly the secrets it lists.
  plugin_secret_grants = {
    for grant in flatten([
      for id, p in local.plugins : [for secret in p.secrets : { plugin = id, secret = secret }]
    ]) : "${grant.plugin}/${grant.secret}" => grant
  }

  # Cloud Run service and service account names. Service account ids are limited to 30
  # characters, so long plugin ids are shortened with a hash suffix that keeps them unique.
  service_names = { for id in keys(local.plugins) : id => "backlot-${id}" }
  service_account_ids = {
    for id in keys(local.plugins) : id => (
      length("backlot-${id}") <= 30 ? "backlot-${id}" : "bl-${substr(id, 0, 20)}-${substr(sha1(id), 0, 6)}"
    )
  }
}
