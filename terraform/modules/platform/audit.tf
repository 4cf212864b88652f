# Audit trail: the audit events every function writes (AuditLog, logger backlot.audit; who, what,
# on which resource, outcome, request id; never a token) are routed to a log bucket of their own,
# with its own retention, so they outlive the _Default bucket's 30 days and can be locked down
# apart from the other logs. On Cloud Run the events are structured entries of each service's
# stdout log; the sink selects them by the logger field the platform writes on each entry. They
# also stay in _Default, where the services' other logs are read next to them.
# AuditLogSinkTest (DeploymentConsistencyTest) fails when the sink no longer selects the logger
# AuditLog writes to, or the bucket loses its retention variable.

locals {
  audit_logger = "backlot.audit"
  # Entries of the Backlot services' stdout log written by the audit logger.
  audit_filter = "${local.services_filter} AND logName=\"projects/${var.project_id}/logs/run.googleapis.com%2Fstdout\" AND jsonPayload.logger=\"${local.audit_logger}\""
}

resource "google_logging_project_bucket_config" "audit" {
  project        = var.project_id
  location       = var.region
  bucket_id      = "backlot-${var.env}-audit"
  description    = "Backlot ${var.env} audit events (logger ${local.audit_logger}): refusals, mutations, role and policy changes."
  retention_days = var.audit_log_retention_days
  locked         = var.audit_log_locked

  depends_on = [google_project_service.apis]
}

# A sink into a log bucket of the same project needs no grant to its writer identity.
resource "google_logging_project_sink" "audit" {
  project     = var.project_id
  name        = "backlot-${var.env}-audit"
  description = "Routes Backlot's audit events to their own bucket and retention."
  destination = "logging.googleapis.com/${google_logging_project_bucket_config.audit.id}"
  filter      = local.audit_filter

  unique_writer_identity = true
}
