package dev.backlot.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the web UI needs to know about this deployment ({@code backlot.*} in app-config.yaml).
 *
 * @param plugins ids of the backend plugins running behind the gateway, from their manifests: the
 *     local portal and Terraform set them as {@code BACKLOT_PLUGINS} (comma-separated), so the
 *     sidebar shows what is actually deployed
 * @param auth {@code backlot.auth}: whose ownership makes them a catalog administrator
 * @param links {@code backlot.links}: which URLs from entities and API definitions the UI makes links of
 */
@ConfigurationProperties("backlot")
public record PortalSettings(List<String> plugins, Auth auth, Links links) {
  public PortalSettings {
    plugins = plugins == null ? List.of() : plugins.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
    auth = auth == null ? new Auth(List.of()) : auth;
    links = links == null ? new Links(List.of()) : links;
  }

  /**
   * @param allowedSchemes the URL schemes the web UI links: http, https and mailto always, plus those
   *     listed in {@code backlot.links.allowedSchemes} (such as {@code slack}); a URL of any other
   *     scheme is shown as text
   */
  public record Links(List<String> allowedSchemes) {
    static final List<String> ALWAYS = List.of("http", "https", "mailto");
    /** Schemes whose links run script or open a document of their own in the portal's origin. */
    static final Set<String> NEVER = Set.of("javascript", "data", "vbscript");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    public Links {
      List<String> schemes = new ArrayList<>(ALWAYS);
      for (String listed : allowedSchemes == null ? List.<String>of() : allowedSchemes) {
        String scheme = listed.trim().toLowerCase(Locale.ROOT).replaceFirst(":$", "");
        if (!SCHEME.matcher(scheme).matches() || NEVER.contains(scheme)) {
          throw new IllegalArgumentException("backlot.links.allowedSchemes lists '" + listed + "', which is not a scheme links may have");
        }
        if (!schemes.contains(scheme)) {
          schemes.add(scheme);
        }
      }
      allowedSchemes = List.copyOf(schemes);
    }
  }

  /** @param adminGroups the groups whose members may change the catalog, as the functions read them */
  public record Auth(List<String> adminGroups) {
    public Auth {
      adminGroups = adminGroups == null ? List.of() : adminGroups.stream().map(ref -> ref.toLowerCase(Locale.ROOT)).toList();
    }
  }

  /**
   * Whether the catalog lets {@code identity} register, refresh and unregister: the functions
   * decide (AdminGroups), this only spares the UI buttons that would be refused.
   */
  boolean administers(ShellIdentity identity) {
    return identity.ownershipRefs().stream().anyMatch(ref -> auth.adminGroups().contains(ref.toLowerCase(Locale.ROOT)));
  }
}
