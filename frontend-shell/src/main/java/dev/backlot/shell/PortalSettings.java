package dev.backlot.shell;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the web UI needs to know about this deployment ({@code backlot.*} in app-config.yaml).
 *
 * @param plugins ids of the backend plugins running behind the gateway, from their manifests: the
 *     local portal and Terraform set them as {@code BACKLOT_PLUGINS} (comma-separated), so the
 *     sidebar shows what is actually deployed
 * @param auth {@code backlot.auth}: whose ownership makes them a catalog administrator
 */
@ConfigurationProperties("backlot")
public record PortalSettings(List<String> plugins, Auth auth) {
  public PortalSettings {
    plugins = plugins == null ? List.of() : plugins.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
    auth = auth == null ? new Auth(List.of()) : auth;
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
