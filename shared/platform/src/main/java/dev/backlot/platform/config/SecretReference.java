package dev.backlot.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code $secret: <id>} or {@code $secret: {name: <id>, version: <v>}} in a config file. */
record SecretReference(String name, String version) {
  private static final Pattern SECRET_ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  static Optional<SecretReference> of(JsonNode node, String key) {
    if (node == null || !node.isObject() || node.size() != 1 || !node.has("$secret")) {
      return Optional.empty();
    }
    JsonNode value = node.get("$secret");
    String name;
    String version = "latest";
    if (value.isTextual()) {
      name = value.asText();
    } else if (value.isObject() && value.path("name").isTextual()) {
      name = value.get("name").asText();
      if (value.has("version")) {
        version = value.get("version").asText();
      }
    } else {
      throw new ConfigException("Invalid $secret at '" + key + "': expected a secret id or {name, version}");
    }
    if (!SECRET_ID.matcher(name).matches()) {
      throw new ConfigException("Invalid $secret at '" + key + "': '" + name + "' is not a Secret Manager secret id");
    }
    return Optional.of(new SecretReference(name, version));
  }
}
