package dev.backlot.shell;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The Content-Security-Policy of every response: scripts, styles, fonts and calls from the shell's
 * own origin only, so a script that entity or API data slipped into the page (a {@code javascript:}
 * link, an injected element) does not run. The web UI has no inline script or style (Vite writes
 * both to files), and needs images from {@code data:} URLs for Swagger UI's stylesheet. With
 * Google Analytics 4 configured, GA4's origins as Google documents them for a CSP. Forms post to
 * the shell, whose sign-out redirects on to the identity provider's end-session endpoint: browsers
 * hold a form's redirects to {@code form-action} too, so that endpoint's origin is allowed there.
 */
final class ContentSecurityPolicy {
  // https://developers.google.com/tag-platform/security/guides/csp (Google Analytics 4).
  private static final String GA4_SCRIPTS = "https://*.googletagmanager.com";
  private static final String GA4_IMAGES = "https://*.google-analytics.com https://*.googletagmanager.com";
  private static final String GA4_CALLS = "https://*.google-analytics.com https://*.analytics.google.com https://*.googletagmanager.com";

  private ContentSecurityPolicy() {}

  static String of(AnalyticsSettings analytics, Iterable<ClientRegistration> signIn) {
    boolean ga4 = analytics.measurementId() != null;
    List<String> directives = new ArrayList<>();
    directives.add("default-src 'self'");
    directives.add("script-src 'self'" + (ga4 ? " " + GA4_SCRIPTS : ""));
    directives.add("style-src 'self'");
    directives.add("img-src 'self' data:" + (ga4 ? " " + GA4_IMAGES : ""));
    directives.add("connect-src 'self'" + (ga4 ? " " + GA4_CALLS : ""));
    directives.add("font-src 'self'");
    directives.add("object-src 'none'");
    directives.add("base-uri 'self'");
    directives.add("frame-ancestors 'none'");
    directives.add(String.join(" ", formTargets(signIn)));
    return String.join("; ", directives);
  }

  /** {@code form-action}: the shell, and the origin of each provider's end-session endpoint. */
  private static Set<String> formTargets(Iterable<ClientRegistration> signIn) {
    Set<String> targets = new LinkedHashSet<>(List.of("form-action", "'self'"));
    for (ClientRegistration registration : signIn) {
      if (registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") instanceof String endSession) {
        URI uri = URI.create(endSession);
        targets.add(uri.getScheme() + "://" + uri.getRawAuthority());
      }
    }
    return targets;
  }
}
