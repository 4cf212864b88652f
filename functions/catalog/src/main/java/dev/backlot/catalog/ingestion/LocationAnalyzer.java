package dev.backlot.catalog.ingestion;

import java.io.IOException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Backstage's location analysis, behind "register an existing component": given a catalog
 * file or a repository URL, finds the catalog file and the entities it declares, or, when the
 * repository has none, suggests a Component for the user to complete.
 */
public final class LocationAnalyzer {
  public static final String DEFAULT_FILENAME = "catalog-info.yaml";

  private final LocationProcessor processor;

  public LocationAnalyzer(LocationProcessor processor) {
    this.processor = processor;
  }

  /**
   * What was found: the catalog file looked at, the entities it declares (empty when it could
   * not be read), and the Component to suggest in that case.
   */
  public record Analysis(LocationSpec catalogFile, List<ObjectNode> entities, ObjectNode suggestion) {}

  public Analysis analyze(LocationSpec location, String catalogFilename) {
    LocationSpec file;
    try {
      file = isCatalogFile(location.target()) ? location : processor.fileIn(location, catalogFilename);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot look into the repository: " + e.getMessage(), e);
    }
    LocationProcessor.Result result = processor.process(file);
    result.refusal().ifPresent(refusal -> {
      throw new IllegalArgumentException(refusal);
    });
    // The first entity is the Location generated for the file itself, not one it declares.
    List<ObjectNode> declared = result.entities().subList(1, result.entities().size());
    return new Analysis(file, List.copyOf(declared), declared.isEmpty() ? suggestion(location.target()) : null);
  }

  private static boolean isCatalogFile(String target) {
    String path = URI.create(target).getPath().toLowerCase(Locale.ROOT);
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  /** A Component named after the repository, as far as a name can be made of it. */
  private static ObjectNode suggestion(String repository) {
    String[] segments = URI.create(repository).getPath().split("/");
    String last = segments.length == 0 ? "component" : segments[segments.length - 1].replaceAll("\\.git$", "");
    String name = last.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    ObjectNode entity = JsonNodeFactory.instance.objectNode();
    entity.put("apiVersion", "backstage.io/v1alpha1");
    entity.put("kind", "Component");
    entity.putObject("metadata").put("name", name.isEmpty() ? "component" : name.substring(0, Math.min(63, name.length())));
    entity.putObject("spec").put("type", "other").put("lifecycle", "unknown");
    return entity;
  }
}
