package dev.backlot.github.orgdata;

import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * One organisation whose teams and members become Group and User entities, from {@code
 * github.orgs}: {@code organization}, and {@code host} (github.com), whose API base URL and
 * credentials come from {@code integrations.github}.
 */
record OrgTarget(String host, String organization) {
  static List<OrgTarget> fromConfig(Config config) {
    return config.getOptionalConfigList("github.orgs").orElse(List.of()).stream()
        .map(entry -> new OrgTarget(entry.getOptionalString("host").orElse("github.com").toLowerCase(Locale.ROOT),
            entry.getString("organization")))
        .toList();
  }

  /** The web address of {@code path} on this host ({@code https://github.com/orgs/acme}). */
  String webUrl(String path) {
    return "https://" + host + "/" + path;
  }

  /** Whether this is {@code organization} on {@code host}; GitHub compares both without case. */
  boolean is(String host, String organization) {
    return this.host.equalsIgnoreCase(host) && this.organization.equalsIgnoreCase(organization);
  }

  /** The catalog's provider name: each organisation's entity set is replaced on its own. */
  String providerName() {
    return ("github-org:" + host + ":" + organization).toLowerCase(Locale.ROOT);
  }

  /** The key the catalog owns this organisation's entities by, as Backstage's GitHub org provider names it. */
  String locationKey() {
    return "github-org-provider:" + host + "/" + organization.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return host + "/" + organization;
  }
}
