package dev.backlot.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed, read-only access to merged configuration, keyed by dotted paths such as {@code
 * backend.database.client}, in Backstage's app-config schema. Errors name the full key and, when
 * known, the file the value came from.
 */
public final class Config {
  private final JsonNode root;
  private final String prefix;
  private final Map<String, String> origins;
  private final Consumer<String> reads;

  Config(JsonNode root, String prefix, Map<String, String> origins) {
    this(root, prefix, origins, key -> {});
  }

  private Config(JsonNode root, String prefix, Map<String, String> origins, Consumer<String> reads) {
    this.root = root == null ? JsonNodeFactory.instance.objectNode() : root;
    this.prefix = prefix;
    this.origins = origins;
    this.reads = reads;
  }

  public static Config empty() {
    // Not through of(): converting even an empty map sets up Jackson's serializers, on every
    // plugin's start path.
    return new Config(JsonNodeFactory.instance.objectNode(), "", Map.of());
  }

  /** Config over plain maps and lists, for tests and defaults. */
  public static Config of(Map<String, ?> values) {
    return new Config(Json.MAPPER.valueToTree(values), "", Map.of());
  }

  /**
   * The same config, telling {@code reads} the full key of every read through it and through the
   * sections and list items it hands out ({@code catalog.github.maxAttempts},
   * {@code catalog.locations[0].type}), present or not: the test that holds each plugin.yaml's
   * {@code settings} to the keys its code reads starts the function on such a config.
   */
  public Config recordingReads(Consumer<String> reads) {
    return new Config(root, prefix, origins, reads);
  }

  public boolean has(String key) {
    JsonNode node = find(key);
    return node != null && !node.isNull();
  }

  public String getString(String key) {
    return getOptionalString(key).orElseThrow(() -> missing(key));
  }

  public Optional<String> getOptionalString(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode() || node.isBoolean() || (node.isTextual() && node.asText().isEmpty())) {
      // Backstage refuses empty strings as values of string keys.
      throw mistyped(key, node, "string");
    }
    return Optional.of(node.asText());
  }

  public int getInt(String key) {
    return getOptionalInt(key).orElseThrow(() -> missing(key));
  }

  public Optional<Integer> getOptionalInt(String key) {
    return getOptionalLong(key).map(value -> {
      if (value != value.intValue()) {
        throw mistyped(key, find(key), "number");
      }
      return value.intValue();
    });
  }

  public long getLong(String key) {
    return getOptionalLong(key).orElseThrow(() -> missing(key));
  }

  /** Numbers, and strings that hold a whole number, as Backstage's getNumber accepts. */
  public Optional<Long> getOptionalLong(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isIntegralNumber()) {
      return Optional.of(node.asLong());
    }
    if (node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
      return Optional.of(Long.parseLong(node.asText()));
    }
    throw mistyped(key, node, "number");
  }

  public boolean getBoolean(String key) {
    return getOptionalBoolean(key).orElseThrow(() -> missing(key));
  }

  /** Booleans, and the strings "true"/"false", as Backstage's getBoolean accepts. */
  public Optional<Boolean> getOptionalBoolean(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isBoolean()) {
      return Optional.of(node.asBoolean());
    }
    if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
      return Optional.of(Boolean.parseBoolean(node.asText()));
    }
    throw mistyped(key, node, "boolean");
  }

  public Config getConfig(String key) {
    return getOptionalConfig(key).orElseThrow(() -> missing(key));
  }

  public Optional<Config> getOptionalConfig(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw mistyped(key, node, "object");
    }
    return Optional.of(new Config(node, fullKey(key) + ".", origins, reads));
  }

  public List<Config> getConfigList(String key) {
    return getOptionalConfigList(key).orElseThrow(() -> missing(key));
  }

  public Optional<List<Config>> getOptionalConfigList(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw mistyped(key, node, "object-array");
    }
    List<Config> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isObject()) {
        throw mistyped(key + "[" + i + "]", node.get(i), "object");
      }
      items.add(new Config(node.get(i), fullKey(key) + "[" + i + "].", origins, reads));
    }
    return Optional.of(List.copyOf(items));
  }

  public List<String> getStringList(String key) {
    return getOptionalStringList(key).orElseThrow(() -> missing(key));
  }

  public Optional<List<String>> getOptionalStringList(String key) {
    JsonNode node = find(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw mistyped(key, node, "string-array");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual() || item.asText().isEmpty()) {
        throw mistyped(key + "[" + i + "]", item, "string");
      }
      items.add(item.asText());
    }
    return Optional.of(List.copyOf(items));
  }

  /**
   * A list of strings, or one string of comma-separated items, as an environment variable carries
   * a list ({@code plugins: ${BACKLOT_PLUGINS}}): a {@code ${VAR}} substitution is always a string.
   * Items are trimmed and blank ones dropped.
   */
  public Optional<List<String>> getOptionalCommaSeparatedList(String key) {
    JsonNode node = find(key);
    if (node != null && node.isTextual()) {
      return Optional.of(java.util.Arrays.stream(node.asText().split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());
    }
    return getOptionalStringList(key);
  }

  /** A copy of this config's subtree as JSON, for code that binds a whole section. */
  public ObjectNode toJson() {
    if (!prefix.isEmpty()) {
      reads.accept(prefix.substring(0, prefix.length() - 1));
    }
    return root.isObject() ? ((ObjectNode) root).deepCopy() : JsonNodeFactory.instance.objectNode();
  }

  private JsonNode find(String key) {
    reads.accept(fullKey(key));
    JsonNode node = root;
    for (Iterator<String> parts = List.of(key.split("\\.")).iterator(); parts.hasNext(); ) {
      String part = parts.next();
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  private String fullKey(String key) {
    return prefix + key;
  }

  private ConfigException missing(String key) {
    return new ConfigException("Missing required config value at '" + fullKey(key) + "'");
  }

  private ConfigException mistyped(String key, JsonNode node, String wanted) {
    String origin = origins.get(fullKey(key));
    return new ConfigException("Invalid type in config for key '" + fullKey(key) + "'"
        + (origin == null ? "" : " in '" + origin + "'")
        + ", got " + typeName(node) + ", wanted " + wanted);
  }

  private static String typeName(JsonNode node) {
    if (node.isTextual()) {
      return node.asText().isEmpty() ? "empty-string" : "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return node.isArray() ? "array" : "object";
  }
}
