package dev.backlot.catalog;

import java.util.List;
import java.util.Map;

/**
 * examples/ as a config location, with the rules app-config.yaml gives it: besides what every
 * location may bring in (Components, APIs, Locations), the sample organisation's own kinds.
 */
public final class Examples {
  public static final List<String> KINDS = List.of("System", "Domain", "Resource", "Group", "User");

  private Examples() {}

  /** The entry of {@code catalog.locations} for examples/all.yaml at {@code target}. */
  public static Map<String, Object> location(String target) {
    return Map.of("type", "file", "target", target, "rules", List.of(Map.of("allow", KINDS)));
  }
}
