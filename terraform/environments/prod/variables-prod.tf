# Variables only the prod root has; the shared ones are in variables.tf (environments/common).

variable "image_source_repository" {
  description = "Staging's registry (<region>-docker.pkg.dev/<staging-project>/backlot): prod deploys the digests built and tested there."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]+-docker\\.pkg\\.dev/[a-z][a-z0-9-]+/[a-z0-9-]+$", var.image_source_repository))
    error_message = "image_source_repository must be <region>-docker.pkg.dev/<staging-project>/<repository>."
  }
}

variable "redis_enabled" {
  description = "Memorystore Redis as the shared cache."
  type        = bool
  default     = true
}
