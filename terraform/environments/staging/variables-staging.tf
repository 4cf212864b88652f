# Variables only the staging root has; the shared ones are in variables.tf (environments/common).

variable "registry_readers" {
  description = "Members that may pull staging's images: the prod project's Cloud Run service agent, so prod runs the digests staging tested."
  type        = list(string)
  default     = []
}
