package dev.backlot.github.orgdata;

import dev.backlot.github.rest.GitHubHost;
import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * One organisation whose teams and members become Group and User entities, from {@code
 * github.orgs}: {@code organization}, and {@code host} (github.com), whose API base URL and
 * token come from {@code integrations.github}.
 */
record OrgTarget(GitHubHost api, String organization) {
  static List<OrgTarget> fromConfig(Config config) {
    return config.getOptionalConfigList("github.orgs").orElse(List.of()).stream()
        .map(entry -> new OrgTarget(GitHubHost.fromConfig(config, entry.getOptionalString("host").orElse("github.com")),
            entry.getString("organization")))
        .toList();
  }

  /** Whether this is {@code organization} on {@code host}; GitHub compares both without case. */
  boolean is(String host, String organization) {
    return api.host().equalsIgnoreCase(host) && this.organization.equalsIgnoreCase(organization);
  }

  /** The catalog's provider name: each organisation's entity set is replaced on its own. */
  String providerName() {
    return ("github-org:" + api.host() + ":" + organization).toLowerCase(Locale.ROOT);
  }

  /** The key the catalog owns this organisation's entities by, as Backstage's GitHub org provider names it. */
  String locationKey() {
    return "github-org-provider:" + api.host() + "/" + organization.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return api.host() + "/" + organization;
  }
}
