# Variables only the dev root has; the shared ones are in variables.tf (environments/common).

variable "trigger_branch" {
  description = "Branch regex whose pushes deploy to dev."
  type        = string
  default     = "^main$"
}
