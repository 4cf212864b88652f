package dev.backlot.catalog.ingestion;

import java.io.IOException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Backstage's location analysis, behind "register an existing component": given a catalog
 * file or a repository URL, finds the catalog file and the entities it declares, or, when the
 * repository has none, suggests a Component for the user to complete.
 */
public final class LocationAnalyzer {
  private static final Logger LOG = Logger.getLogger(LocationAnalyzer.class.getName());
  public static final String DEFAULT_FILENAME = "catalog-info.yaml";
  /** Backstage's longest entity name. */
  private static final int MAX_NAME = 63;

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
    if (!isPathInRepository(catalogFilename)) {
      throw new IllegalArgumentException("catalogFilename must be a path inside the repository, such as " + DEFAULT_FILENAME);
    }
    LocationSpec file;
    try {
      file = isCatalogFile(location.target()) ? location : processor.fileIn(location, catalogFilename);
    } catch (ReadingNotAllowed e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      // GitHub's answer (missing, forbidden, empty) would tell whoever asks whether a private
      // repository exists: only the log has it.
      LOG.info(() -> "analyzing " + location.key() + ": " + e.getMessage());
      throw new IllegalArgumentException("could not read " + location.target(), e);
    }
    LocationProcessor.Result result = processor.process(file);
    result.refusal().ifPresent(refusal -> {
      throw new IllegalArgumentException(refusal);
    });
    // The first entity is the Location generated for the file itself, not one it declares.
    List<ObjectNode> declared = result.entities().subList(1, result.entities().size());
    return new Analysis(file, List.copyOf(declared), declared.isEmpty() ? suggestion(location.target()) : null);
  }

  /**
   * A plain relative path: no URL, no absolute path, no dot segments. The file looked at must be in
   * the repository analysed, not wherever a caller's file name would resolve to.
   */
  private static boolean isPathInRepository(String filename) {
    boolean plain = !filename.isEmpty() && !filename.startsWith("/") && filename.chars().noneMatch(c -> c == ':' || c == '\\' || c == '?' || c == '#');
    return plain && Arrays.stream(filename.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
  }

  private static boolean isCatalogFile(String target) {
    String path = path(target).toLowerCase(Locale.ROOT);
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  private static String path(String target) {
    String path = URI.create(target).getPath();
    return path == null ? "" : path;
  }

  /** A Component named after the repository, as far as a name can be made of it. */
  private static ObjectNode suggestion(String repository) {
    ObjectNode entity = JsonNodeFactory.instance.objectNode();
    entity.put("apiVersion", "backstage.io/v1alpha1");
    entity.put("kind", "Component");
    entity.putObject("metadata").put("name", componentName(repository));
    entity.putObject("spec").put("type", "other").put("lifecycle", "unknown");
    return entity;
  }

  /**
   * The repository's last path segment as an entity name: other characters become {@code -}, cut to
   * {@value #MAX_NAME} characters between a first and a last letter or digit. Done in one pass by
   * hand: the URL is the caller's, and patterns such as {@code [^A-Za-z0-9]+$} retry a long run from
   * each of its positions, quadratic work.
   */
  static String componentName(String repository) {
    String path = LocationProcessor.withoutTrailingSlashes(path(repository));
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.endsWith(".git")) {
      last = last.substring(0, last.length() - ".git".length());
    }
    int start = 0;
    while (start < last.length() && !isLetterOrDigit(last.charAt(start))) {
      start++;
    }
    int end = Math.min(last.length(), start + MAX_NAME);
    while (end > start && !isLetterOrDigit(last.charAt(end - 1))) {
      end--;
    }
    StringBuilder name = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = last.charAt(i);
      name.append(isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '-');
    }
    return name.isEmpty() ? "component" : name.toString();
  }

  private static boolean isLetterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
