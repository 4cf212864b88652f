package dev.backlot.shell;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Google Analytics 4 ({@code app.analytics.ga4} in app-config.yaml, Backstage's key). Without a
 * measurement id the UI loads no analytics script at all.
 *
 * @param measurementId e.g. {@code G-XXXXXXXXXX}; not a secret, every page view sends it
 */
@ConfigurationProperties("app.analytics.ga4")
public record AnalyticsSettings(String measurementId) {
  public AnalyticsSettings {
    measurementId = measurementId == null || measurementId.isBlank() ? null : measurementId.trim();
  }
}
