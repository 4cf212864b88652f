variable "project_id" {
  description = "Google Cloud project that hosts this environment."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the Cloud Run services, Cloud SQL, Artifact Registry and the API gateway."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "env" {
  description = "Environment name; it appears in resource names, labels and BACKLOT_DEPLOYMENT."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.env)
    error_message = "env must be one of dev, staging, prod."
  }
}

variable "repo_root" {
  description = "Path of the Backlot repository root; the plugins are read from its functions/*/plugin.yaml."
  type        = string

  validation {
    condition     = fileexists("${var.repo_root}/pom.xml")
    error_message = "repo_root must be the Backlot repository root (the directory holding pom.xml and functions/)."
  }
}

variable "config_profile" {
  description = "Value of BACKLOT_ENV on Cloud Run: selects the app-config.<profile>.yaml layer the services read."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.config_profile))
    error_message = "config_profile must be lowercase letters, digits and hyphens."
  }
}

variable "image_tag" {
  description = "Tag of the plugin images (<registry>/<plugin>:<tag>) used when a service is first created. Empty: bootstrap_image, until the first Cloud Build deploy. Later deploys are Cloud Build's, Terraform ignores the running image."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$", var.image_tag))
    error_message = "image_tag must be empty or a valid container image tag."
  }
}

variable "image_digests" {
  description = "Per-plugin image digests (plugin id => sha256:...) that win over image_tag when a service is created."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for d in values(var.image_digests) : can(regex("^sha256:[0-9a-f]{64}$", d))])
    error_message = "image_digests values must look like sha256:<64 hex digits>."
  }
}

variable "bootstrap_image" {
  description = "Image a service starts with before its first Cloud Build deploy (serves every path with 200)."
  type        = string
  default     = "us-docker.pkg.dev/cloudrun/container/hello"
}

variable "image_source_repository" {
  description = "Registry the deploy pipeline takes images from, such as <region>-docker.pkg.dev/<staging-project>/backlot. Empty: this environment's own registry. Prod sets staging's, so it runs the very digests staging tested."
  type        = string
  default     = ""

  validation {
    condition     = var.image_source_repository == "" || can(regex("^[a-z0-9-]+-docker\\.pkg\\.dev/[a-z][a-z0-9-]+/[a-z0-9-]+$", var.image_source_repository))
    error_message = "image_source_repository must be empty or <region>-docker.pkg.dev/<project>/<repository>."
  }
}

variable "registry_readers" {
  description = "Members allowed to pull from this environment's registry, such as the prod project's Cloud Run service agent (serviceAccount:service-<number>@serverless-robot-prod.iam.gserviceaccount.com)."
  type        = list(string)
  default     = []
}

variable "min_instances_override" {
  description = "When set, replaces every manifest's resources.minInstances (0 in dev: everything scales to zero)."
  type        = number
  default     = null

  validation {
    condition     = var.min_instances_override == null ? true : var.min_instances_override >= 0
    error_message = "min_instances_override must be null or a whole number >= 0."
  }
}

variable "request_timeout_seconds" {
  description = "Cloud Run request timeout and API Gateway backend deadline."
  type        = number
  default     = 60

  validation {
    condition     = var.request_timeout_seconds >= 1 && var.request_timeout_seconds <= 3600
    error_message = "request_timeout_seconds must be between 1 and 3600."
  }
}

variable "blob_store_publishers" {
  description = "CI publishers of blob-store plugins: plugin id => IAM members (workload identity principalSets, CI service accounts) that may act as that plugin's publisher service account, which can write only below <id>/ in the docs bucket. E.g. { <plugin id> = [\"principalSet://iam.googleapis.com/projects/<n>/locations/global/workloadIdentityPools/<pool>/attribute.repository_owner/<org>\"] }."
  type        = map(list(string))
  default     = {}
}

variable "deletion_protection" {
  description = "Protects Cloud SQL, Cloud Run services and the docs bucket from terraform destroy (true in prod)."
  type        = bool
  default     = true
}

variable "database_version" {
  description = "Cloud SQL PostgreSQL version of the shared instance that holds one database per plugin."
  type        = string
  default     = "POSTGRES_16"

  validation {
    condition     = can(regex("^POSTGRES_[0-9]+$", var.database_version))
    error_message = "database_version must be a Cloud SQL PostgreSQL version such as POSTGRES_16."
  }
}

variable "database_tier" {
  description = "Cloud SQL machine tier."
  type        = string
  default     = "db-custom-1-3840"
}

variable "database_high_availability" {
  description = "Regional (high-availability) Cloud SQL instance instead of zonal."
  type        = bool
  default     = false
}

variable "database_point_in_time_recovery" {
  description = "Point-in-time recovery (write-ahead log retention) for Cloud SQL; daily backups are always on."
  type        = bool
  default     = false
}

variable "database_backup_retention_count" {
  description = "Number of daily Cloud SQL backups kept."
  type        = number
  default     = 7

  validation {
    condition     = var.database_backup_retention_count >= 1 && var.database_backup_retention_count <= 365
    error_message = "database_backup_retention_count must be between 1 and 365."
  }
}

variable "redis_enabled" {
  description = "Creates a Memorystore Redis instance and points every plugin's cache at it; otherwise caches are in memory."
  type        = bool
  default     = false
}

variable "redis_memory_size_gb" {
  description = "Memorystore Redis size when redis_enabled."
  type        = number
  default     = 1
}

variable "subnet_cidr" {
  description = "Range of the subnet Cloud Run uses for Direct VPC egress (to Cloud SQL and Redis private IPs)."
  type        = string
  default     = "10.20.0.0/24"

  validation {
    condition     = can(cidrnetmask(var.subnet_cidr))
    error_message = "subnet_cidr must be an IPv4 CIDR range such as 10.20.0.0/24."
  }
}

variable "github_owner" {
  description = "GitHub organisation or user that owns the Backlot repository (connected to Cloud Build through the Cloud Build GitHub App)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$", var.github_owner))
    error_message = "github_owner must be a GitHub user or organisation name."
  }
}

variable "github_repo" {
  description = "Name of the Backlot repository on GitHub."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,100}$", var.github_repo))
    error_message = "github_repo must be a GitHub repository name."
  }
}

variable "deploy_on_push" {
  description = "true: each plugin deploys when a push to trigger_branch touches it (dev, staging). false: triggers are run by hand with _IMAGE_DIGEST set, promoting an image that was already built and tested (prod)."
  type        = bool
  default     = true
}

variable "trigger_branch" {
  description = "Branch regex the push triggers follow, and the ref manual triggers check out."
  type        = string
  default     = "^main$"
}

variable "require_approval" {
  description = "Builds wait for an approval in Cloud Build before running (prod)."
  type        = bool
  default     = false
}

variable "canary_percent" {
  description = "Share of traffic the new revision gets during the canary phase; 0 skips the canary and promotes straight after the smoke test."
  type        = number
  default     = 10

  validation {
    condition     = var.canary_percent >= 0 && var.canary_percent <= 100 && floor(var.canary_percent) == var.canary_percent
    error_message = "canary_percent must be a whole number from 0 to 100."
  }
}

variable "canary_seconds" {
  description = "How long the canary runs before promotion, watching the new revision's 5xx responses."
  type        = number
  default     = 300

  validation {
    condition     = var.canary_seconds >= 0 && var.canary_seconds <= 3000
    error_message = "canary_seconds must be between 0 and 3000 (the build timeout is one hour)."
  }
}

variable "canary_max_5xx" {
  description = "5xx responses of the new revision tolerated during the canary; more roll the traffic back and fail the build."
  type        = number
  default     = 0

  validation {
    condition     = var.canary_max_5xx >= 0
    error_message = "canary_max_5xx must be >= 0."
  }
}

variable "public_base_url" {
  description = "Public URL of the portal when something other than shell_domain serves it (such as a load balancer). Null: https://<shell_domain>, or the shell's deterministic run.app URL without one."
  type        = string
  default     = null

  validation {
    condition     = var.public_base_url == null ? true : can(regex("^https://[^/]+$", var.public_base_url))
    error_message = "public_base_url must be null or https://<host> without a path."
  }
}

variable "shell_domain" {
  description = "Custom domain of the portal, such as backlot.acme.example: mapped to the shell's Cloud Run service (verify it first with gcloud domains verify, then add the DNS records of output shell_domain_dns_records). It becomes the public URL unless public_base_url is set. Null: no domain mapping."
  type        = string
  default     = null

  validation {
    condition     = var.shell_domain == null ? true : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.shell_domain))
    error_message = "shell_domain must be null or a lowercase host name such as backlot.acme.example (no scheme, no path)."
  }
}

variable "okta_issuer" {
  description = "Okta authorization server the shell signs users in with, such as https://acme.okta.com/oauth2/default."
  type        = string

  validation {
    condition     = can(regex("^https://", var.okta_issuer))
    error_message = "okta_issuer must be an https URL."
  }
}

variable "okta_client_id" {
  description = "Client id of the shell's Okta OIDC web application (not a secret; the client secret lives in Secret Manager)."
  type        = string
}

variable "shell_secret_env" {
  description = "Environment variables of the shell that come from Secret Manager: variable name => secret id. The secrets are declared here without values; fill them with gcloud secrets versions add. Null: modules/service-config's default (the Okta client secret and the user-token signing key)."
  type        = map(string)
  default     = null
}

variable "shell_public" {
  description = "Lets anyone reach the shell (it signs users in itself); false needs another way in, such as IAP."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Labels added to every resource that supports them."
  type        = map(string)
  default     = {}
}

variable "gateway_region" {
  description = "Region of the API gateway when it must differ from region (API Gateway runs in fewer regions than Cloud Run). Null: region."
  type        = string
  default     = null

  validation {
    condition     = var.gateway_region == null ? true : can(regex("^[a-z]+-[a-z]+[0-9]+$", var.gateway_region))
    error_message = "gateway_region must be null or a Google Cloud region such as europe-west1."
  }
}

variable "manual_trigger_ref" {
  description = "Git ref manual (promotion) triggers check out when deploy_on_push is false."
  type        = string
  default     = "refs/heads/main"

  validation {
    condition     = can(regex("^refs/(heads|tags)/.+$", var.manual_trigger_ref))
    error_message = "manual_trigger_ref must be a full ref such as refs/heads/main."
  }
}

variable "alert_email" {
  description = "Email address the alert policies notify (5xx responses, function errors, failing uptime checks). Null: no notification channel; incidents still open in Cloud Monitoring."
  type        = string
  default     = null

  validation {
    condition     = var.alert_email == null ? true : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email))
    error_message = "alert_email must be null or an email address."
  }
}

variable "alert_5xx_threshold" {
  description = "5xx responses of one service within 5 minutes above which the 5xx alert fires."
  type        = number
  default     = 5

  validation {
    condition     = var.alert_5xx_threshold >= 0
    error_message = "alert_5xx_threshold must be >= 0."
  }
}

variable "alert_error_threshold" {
  description = "Log entries of severity ERROR or worse from one service within 5 minutes above which the function-errors alert fires."
  type        = number
  default     = 10

  validation {
    condition     = var.alert_error_threshold >= 0
    error_message = "alert_error_threshold must be >= 0."
  }
}

variable "uptime_check_period_seconds" {
  description = "How often each uptime check calls /healthcheck."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 300, 600, 900], var.uptime_check_period_seconds)
    error_message = "uptime_check_period_seconds must be 60, 300, 600 or 900 (what Cloud Monitoring offers)."
  }
}

variable "audit_log_retention_days" {
  description = "Days the audit events (logger backlot.audit) are kept in their own log bucket. 400 is what Cloud Audit Logs keep admin activity for."
  type        = number
  default     = 400

  validation {
    condition     = var.audit_log_retention_days >= 1 && var.audit_log_retention_days <= 3650
    error_message = "audit_log_retention_days must be between 1 and 3650 (what Cloud Logging buckets allow)."
  }
}

variable "audit_log_locked" {
  description = "Locks the audit bucket: its retention can then never be lowered nor the bucket deleted before its entries expire. Irreversible; for prod."
  type        = bool
  default     = false
}

# Cloud Tasks queues (tasks.tf): one per plugin that fans its work out to Cloud Tasks.

variable "task_queue_max_dispatches_per_second" {
  description = "Cloud Tasks: new dispatches per second of each plugin's task queue (each runs one task on an instance)."
  type        = number
  default     = 5

  validation {
    condition     = var.task_queue_max_dispatches_per_second > 0 && var.task_queue_max_dispatches_per_second <= 500
    error_message = "task_queue_max_dispatches_per_second must be above 0 and at most 500 (Cloud Tasks' limit)."
  }
}

variable "task_queue_max_concurrent_dispatches" {
  description = "Cloud Tasks: tasks of one queue running at once; with the plugin's maxInstances, how many instances task work may hold."
  type        = number
  default     = 10

  validation {
    condition     = var.task_queue_max_concurrent_dispatches >= 1 && var.task_queue_max_concurrent_dispatches <= 5000
    error_message = "task_queue_max_concurrent_dispatches must be between 1 and 5000 (Cloud Tasks' limit)."
  }
}

variable "task_queue_max_attempts" {
  description = "Cloud Tasks: attempts per task before it is dropped (the scheduler's minute call then runs the work)."
  type        = number
  default     = 5

  validation {
    condition     = var.task_queue_max_attempts >= 1 && var.task_queue_max_attempts <= 100
    error_message = "task_queue_max_attempts must be between 1 and 100."
  }
}

variable "task_queue_min_backoff_seconds" {
  description = "Cloud Tasks: wait before the first retry of a failed dispatch; it doubles up to task_queue_max_backoff_seconds."
  type        = number
  default     = 5

  validation {
    condition     = var.task_queue_min_backoff_seconds >= 1 && var.task_queue_min_backoff_seconds <= 3600
    error_message = "task_queue_min_backoff_seconds must be between 1 and 3600."
  }
}

variable "task_queue_max_backoff_seconds" {
  description = "Cloud Tasks: longest wait between retries of a failed dispatch."
  type        = number
  default     = 60

  validation {
    condition     = var.task_queue_max_backoff_seconds >= var.task_queue_min_backoff_seconds && var.task_queue_max_backoff_seconds <= 3600
    error_message = "task_queue_max_backoff_seconds must be at least task_queue_min_backoff_seconds and at most 3600."
  }
}
