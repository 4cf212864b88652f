package dev.backlot.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads {@code app-config.yaml}, then {@code app-config.<env>.yaml}, then {@code
 * app-config.local.yaml}, merged as Backstage merges them: mappings deeply, while a later
 * layer's scalar or array replaces the earlier one. {@code ${VAR}}, {@code $env}, {@code $file},
 * {@code $include} behave as in Backstage; {@code $secret} is Backlot's Secret Manager reference.
 */
public final class ConfigLoader {
  static final String BASE = "app-config.yaml";

  private Path directory;
  private String env;
  private Function<String, String> environment = System::getenv;
  private SecretSource secrets;
  private Set<String> readableSecrets;

  private ConfigLoader() {}

  /** A loader that reads the process environment for the directory, layers and variables. */
  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader();
  }

  public ConfigLoader directory(Path directory) {
    this.directory = directory;
    return this;
  }

  /** The environment layer, {@code BACKLOT_ENV} by default, else {@code development}. */
  public ConfigLoader env(String env) {
    this.env = env;
    return this;
  }

  /** Where {@code ${VAR}} and friends are looked up; the process environment by default. */
  public ConfigLoader environment(Function<String, String> environment) {
    this.environment = environment;
    return this;
  }

  /** Overrides the secret source chosen from config (Secret Manager or the environment). */
  public ConfigLoader secrets(SecretSource secrets) {
    this.secrets = secrets;
    return this;
  }

  /**
   * Resolves only the secrets named here (a plugin's manifest: what its service account may read);
   * a key that references any other secret is left out, as an unset variable leaves a key out. In
   * GCP a plugin cannot read the others' secrets, so the shared config layers would otherwise stop
   * it at start-up. Without this call every secret referenced is resolved.
   */
  public ConfigLoader onlySecrets(Collection<String> names) {
    this.readableSecrets = Set.copyOf(names);
    return this;
  }

  public Config load() {
    Map<String, String> origins = new HashMap<>();
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (Path file : layers()) {
      JsonNode layer = new ConfigFileReader(environment).read(file);
      if (layer != null) {
        merge(merged, layer, "", file.getFileName().toString(), origins);
      }
    }
    resolveSecrets(merged, "", new Config(merged, "", origins));
    return new Config(merged, "", Map.copyOf(origins));
  }

  List<Path> layers() {
    String explicit = environment.apply("BACKLOT_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      List<Path> files = new ArrayList<>();
      for (String part : explicit.split(",")) {
        Path file = Path.of(part.trim());
        if (!Files.isRegularFile(file)) {
          throw new ConfigException("BACKLOT_CONFIG names " + file + ", which does not exist");
        }
        files.add(file);
      }
      return files;
    }
    Path dir = directory != null ? directory : defaultDirectory();
    Path base = dir.resolve(BASE);
    if (!Files.isRegularFile(base)) {
      throw new ConfigException("No " + BASE + " in " + dir.toAbsolutePath());
    }
    String name = env != null ? env : Optional.ofNullable(environment.apply("BACKLOT_ENV")).orElse("development");
    List<Path> files = new ArrayList<>(List.of(base));
    Path envFile = dir.resolve("app-config." + name + ".yaml");
    if (Files.isRegularFile(envFile)) {
      files.add(envFile);
    }
    Path local = dir.resolve("app-config.local.yaml");
    // Tests must never pick up a developer's own overrides.
    if (!name.equals("test") && Files.isRegularFile(local)) {
      files.add(local);
    }
    return files;
  }

  private Path defaultDirectory() {
    String configured = environment.apply("BACKLOT_CONFIG_DIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(BASE))) {
        return dir;
      }
    }
    throw new ConfigException("No " + BASE + " in " + Path.of("").toAbsolutePath()
        + " or any parent; set BACKLOT_CONFIG_DIR or BACKLOT_CONFIG");
  }

  private static void merge(ObjectNode target, JsonNode layer, String path, String file, Map<String, String> origins) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = layer.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = path + field.getKey();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        merge(existingObject, field.getValue(), key + ".", file, origins);
      } else {
        origins.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + ".") || k.startsWith(key + "["));
        target.set(field.getKey(), field.getValue().deepCopy());
        recordOrigins(field.getValue(), key, file, origins);
      }
      origins.putIfAbsent(key, file);
    }
  }

  private static void recordOrigins(JsonNode node, String key, String file, Map<String, String> origins) {
    origins.put(key, file);
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> recordOrigins(f.getValue(), key + "." + f.getKey(), file, origins));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        recordOrigins(node.get(i), key + "[" + i + "]", file, origins);
      }
    }
  }

  /** Replaces every {@code {$secret: ...}} left after merging; layers that were overridden cost nothing. */
  private void resolveSecrets(JsonNode node, String path, Config merged) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = path + field.getKey();
        Optional<SecretReference> reference = SecretReference.of(field.getValue(), key);
        if (reference.isPresent() && !readable(reference.get())) {
          fields.remove();
        } else if (reference.isPresent()) {
          field.setValue(TextNode.valueOf(secretValue(reference.get(), key, merged)));
        } else {
          resolveSecrets(field.getValue(), key + ".", merged);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String key = path.isEmpty() ? "[" + i + "]" : path.substring(0, path.length() - 1) + "[" + i + "]";
        Optional<SecretReference> reference = SecretReference.of(array.get(i), key);
        if (reference.isPresent() && !readable(reference.get())) {
          array.remove(i--);
        } else if (reference.isPresent()) {
          array.set(i, TextNode.valueOf(secretValue(reference.get(), key, merged)));
        } else {
          resolveSecrets(array.get(i), key + ".", merged);
        }
      }
    }
  }

  private boolean readable(SecretReference reference) {
    return readableSecrets == null || readableSecrets.contains(reference.name());
  }

  private String secretValue(SecretReference reference, String key, Config merged) {
    SecretSource source = secretSource(merged);
    return source.get(reference.name(), reference.version())
        .orElseThrow(() -> new ConfigException("Secret '" + reference.name() + "' referenced by config key '" + key
            + "' has no value" + (source instanceof EnvironmentSecretSource
                ? "; set environment variable " + EnvironmentSecretSource.variableName(reference.name())
                : " in Secret Manager")));
  }

  private SecretSource secretSource(Config merged) {
    if (secrets == null) {
      Optional<String> project = merged.getOptionalString("backend.secrets.gcpProject")
          .or(() -> Optional.ofNullable(environment.apply("GOOGLE_CLOUD_PROJECT")));
      secrets = project.<SecretSource>map(SecretManagerSecretSource::forProject)
          .orElseGet(() -> new EnvironmentSecretSource(environment));
    }
    return secrets;
  }
}
