package dev.backlot.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/app/config}: the web UI's view of this deployment, answered by the shell itself
 * (not forwarded): which backend plugins run, so the sidebar links only to those, and the GA4
 * measurement id when analytics are configured.
 */
@RestController
class AppConfigController {
  private final PortalSettings portal;
  private final AnalyticsSettings analytics;

  AppConfigController(PortalSettings portal, AnalyticsSettings analytics) {
    this.portal = portal;
    this.analytics = analytics;
  }

  @GetMapping(path = "/api/app/config", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> config() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plugins", List.copyOf(portal.plugins()));
    Map<String, Object> ga4 = new LinkedHashMap<>();
    ga4.put("measurementId", analytics.measurementId());
    body.put("analytics", Map.of("ga4", ga4));
    body.put("links", Map.of("allowedSchemes", portal.links().allowedSchemes()));
    return body;
  }
}
