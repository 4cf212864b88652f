# One Cloud SQL PostgreSQL instance (private IP only) holding one database per plugin whose
# manifest says database: true. Each plugin signs in with IAM database authentication as its
# own service account; there are no database passwords.

resource "google_sql_database_instance" "main" {
  count = length(local.database_plugins) > 0 ? 1 : 0

  project             = var.project_id
  name                = "backlot-${var.env}"
  region              = var.region
  database_version    = var.database_version
  deletion_protection = var.deletion_protection

  settings {
    tier                        = var.database_tier
    edition                     = "ENTERPRISE"
    availability_type           = var.database_high_availability ? "REGIONAL" : "ZONAL"
    deletion_protection_enabled = var.deletion_protection
    user_labels                 = local.labels

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = google_compute_network.backlot.id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = var.database_point_in_time_recovery
      transaction_log_retention_days = var.database_point_in_time_recovery ? 7 : null
      backup_retention_settings {
        retained_backups = var.database_backup_retention_count
      }
    }

    maintenance_window {
      day  = 7
      hour = 3
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }

    insights_config {
      query_insights_enabled = true
    }
  }

  depends_on = [google_service_networking_connection.private_services]
}

resource "google_sql_database" "plugin" {
  for_each = local.database_plugins

  project  = var.project_id
  instance = google_sql_database_instance.main[0].name
  # The name the platform's Databases.databaseName opens (modules/service-config).
  name = local.database_names[each.key]
}

resource "google_sql_user" "plugin" {
  for_each = local.database_plugins

  project  = var.project_id
  instance = google_sql_database_instance.main[0].name
  # The service account's email without ".gserviceaccount.com" (modules/service-config).
  name = local.database_users[each.key]
  type = "CLOUD_IAM_SERVICE_ACCOUNT"
}
