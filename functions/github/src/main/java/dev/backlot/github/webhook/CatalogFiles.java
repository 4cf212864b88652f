package dev.backlot.github.webhook;

import dev.backlot.platform.config.Config;
import java.util.List;

/** Which files are catalog files: by file name, {@code github.catalogFiles} (Backstage's default names). */
public record CatalogFiles(List<String> names) {
  public static CatalogFiles fromConfig(Config config) {
    return new CatalogFiles(config.getOptionalStringList("github.catalogFiles").orElse(List.of("catalog-info.yaml", "catalog-info.yml")));
  }

  boolean matches(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return names.contains(name);
  }
}
