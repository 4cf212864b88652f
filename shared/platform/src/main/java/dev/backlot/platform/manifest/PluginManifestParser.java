package dev.backlot.platform.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one plugin.yaml and rejects anything it does not understand, naming the field. */
public final class PluginManifestParser {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  // Cloud Run service names are at most 63 characters; the deployed name is "backlot-<id>".
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,38}[a-z0-9]");
  private static final Pattern JAVA_CLASS =
      Pattern.compile("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)+[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern SECRET_ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final Pattern CONFIG_KEY = Pattern.compile("[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9_-]+)*");
  private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*(Mi|Gi)");
  private static final Pattern CPU = Pattern.compile("1|2|4|6|8");

  // The shell answers /api/whoami and /api/app/config itself, before forwarding /api/**: a plugin
  // with one of these ids would never be reached from the browser.
  private static final Set<String> SHELL_ROUTE_IDS = Set.of("whoami", "app");

  private static final Set<String> KEYS =
      Set.of(
          "id", "entryPoint", "routePrefix", "database", "blobStore", "secrets", "settings", "smokeTest", "schedules", "resources");
  private static final Set<String> SCHEDULE_KEYS = Set.of("path", "everyMinutes");
  // Cloud Scheduler runs cron: "*/7" restarts at each full hour and "*/5" hours at midnight, so
  // only divisors of 60 minutes, and whole hours dividing 24, recur at exactly their interval.
  static final List<Integer> SCHEDULE_MINUTES = List.of(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440);
  private static final Set<String> RESOURCE_KEYS =
      Set.of("memory", "cpu", "minInstances", "maxInstances", "concurrency");

  private final String source;

  private PluginManifestParser(String source) {
    this.source = source;
  }

  /** Parses {@code yaml}; {@code source} names it in error messages (usually the file path). */
  public static PluginManifest parse(InputStream yaml, String source) {
    JsonNode root;
    try (var parser = YAML.getFactory().createParser(yaml)) {
      root = YAML.readTree(parser);
      if (parser.nextToken() != null) {
        throw new InvalidManifestException(source + ": must hold one YAML document, found more");
      }
    } catch (IOException e) {
      throw new InvalidManifestException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    return new PluginManifestParser(source).manifest(root);
  }

  private PluginManifest manifest(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw fail("", "must be a mapping with at least id and entryPoint");
    }
    rejectUnknownKeys(root, KEYS, "");
    String id = requiredString(root, "id", ID, "lowercase letters, digits and '-', 2-40 characters");
    if (SHELL_ROUTE_IDS.contains(id)) {
      throw fail("id", "'" + id + "' is reserved: the shell serves /api/" + id + " itself, so a plugin there would never be reached");
    }
    String entryPoint = requiredString(root, "entryPoint", JAVA_CLASS, "a fully qualified Java class name");
    String expectedPrefix = "/api/" + id;
    String routePrefix = optionalString(root, "routePrefix", expectedPrefix);
    if (!routePrefix.equals(expectedPrefix)) {
      throw fail("routePrefix", "must be '" + expectedPrefix + "' (Backstage's path for plugin '" + id + "'), was '" + routePrefix + "'");
    }
    return new PluginManifest(
        id,
        entryPoint,
        routePrefix,
        optionalBoolean(root, "database", false),
        optionalBoolean(root, "blobStore", false),
        stringList(root, "secrets", SECRET_ID, "a Secret Manager secret id"),
        stringList(root, "settings", CONFIG_KEY, "a dotted config key such as catalog.locations"),
        smokeTest(root),
        schedules(root.get("schedules")),
        resources(root.get("resources")));
  }

  private String smokeTest(JsonNode root) {
    String path = optionalString(root, "smokeTest", "/healthcheck");
    if (!isPath(path)) {
      throw fail("smokeTest", "must be a path such as /entities?limit=1, was '" + path + "'");
    }
    return path;
  }

  private static boolean isPath(String path) {
    return path.startsWith("/") && !path.contains("..") && path.chars().noneMatch(c -> c <= ' ');
  }

  private List<PluginManifest.Schedule> schedules(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw fail("schedules", "must be a list of {path, everyMinutes}");
    }
    List<PluginManifest.Schedule> schedules = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String field = "schedules[" + i + "]";
      if (!item.isObject()) {
        throw fail(field, "must be a mapping with path and everyMinutes");
      }
      rejectUnknownKeys(item, SCHEDULE_KEYS, field + ".");
      String path = item.path("path").asText("");
      if (!item.path("path").isTextual() || !isPath(path)) {
        throw fail(field + ".path", "must be a path such as /refresh, was '" + path + "'");
      }
      JsonNode every = item.get("everyMinutes");
      int minutes = every != null && every.isInt() ? every.asInt() : -1;
      if (!SCHEDULE_MINUTES.contains(minutes)) {
        throw fail(field + ".everyMinutes", "must be one of " + SCHEDULE_MINUTES
            + " (a cron step repeats only an interval that divides the hour or the day), was '"
            + (every == null ? "" : every.asText()) + "'");
      }
      schedules.add(new PluginManifest.Schedule(path, minutes));
    }
    return schedules;
  }

  private PluginManifest.Resources resources(JsonNode node) {
    PluginManifest.Resources defaults = PluginManifest.Resources.DEFAULT;
    if (node == null || node.isNull()) {
      return defaults;
    }
    if (!node.isObject()) {
      throw fail("resources", "must be a mapping");
    }
    rejectUnknownKeys(node, RESOURCE_KEYS, "resources.");
    String memory = optionalString(node, "memory", defaults.memory(), "resources.");
    if (!MEMORY.matcher(memory).matches()) {
      throw fail("resources.memory", "must look like 512Mi or 1Gi, was '" + memory + "'");
    }
    String cpu = node.hasNonNull("cpu") ? node.get("cpu").asText() : defaults.cpu();
    if (!CPU.matcher(cpu).matches()) {
      throw fail("resources.cpu", "must be one of 1, 2, 4, 6, 8 (Cloud Run vCPUs), was '" + cpu + "'");
    }
    int min = optionalInt(node, "minInstances", defaults.minInstances(), 0, 100);
    int max = optionalInt(node, "maxInstances", defaults.maxInstances(), 1, 1000);
    if (max < min) {
      throw fail("resources.maxInstances", "must be at least minInstances (" + min + "), was " + max);
    }
    int concurrency = optionalInt(node, "concurrency", defaults.concurrency(), 1, 1000);
    return new PluginManifest.Resources(memory, cpu, min, max, concurrency);
  }

  private void rejectUnknownKeys(JsonNode node, Set<String> known, String path) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw fail(path + name, "unknown key; known keys are " + known.stream().sorted().toList());
      }
    }
  }

  private String requiredString(JsonNode node, String key, Pattern pattern, String expected) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(key, "is required");
    }
    if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
      throw fail(key, "must be " + expected + ", was '" + value.asText() + "'");
    }
    return value.asText();
  }

  private String optionalString(JsonNode node, String key, String fallback) {
    return optionalString(node, key, fallback, "");
  }

  private String optionalString(JsonNode node, String key, String fallback, String path) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw fail(path + key, "must be a string");
    }
    return value.asText();
  }

  private boolean optionalBoolean(JsonNode node, String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw fail(key, "must be true or false, was '" + value.asText() + "'");
    }
    return value.asBoolean();
  }

  private int optionalInt(JsonNode node, String key, int fallback, int min, int max) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
      throw fail("resources." + key, "must be a whole number from " + min + " to " + max + ", was '" + value.asText() + "'");
    }
    return value.asInt();
  }

  private List<String> stringList(JsonNode node, String key, Pattern pattern, String expected) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw fail(key, "must be a list");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || !pattern.matcher(item.asText()).matches()) {
        throw fail(key + "[" + i + "]", "must be " + expected + ", was '" + item.asText() + "'");
      }
      if (items.contains(item.asText())) {
        throw fail(key + "[" + i + "]", "'" + item.asText() + "' is listed twice");
      }
      items.add(item.asText());
    }
    return items;
  }

  private InvalidManifestException fail(String field, String problem) {
    return new InvalidManifestException(source + ": " + (field.isEmpty() ? "" : field + " ") + problem);
  }

}
