package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.platform.blob.Blob;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The compact JSON form of stored YAML versions, kept beside them at {@code json/<namespace>/<name>/<sha256>}
 * the first time a version is compared. Reading YAML within the limits costs 10 to 20 times what
 * reading the same tree from JSON does (600-900 ms against 30-100 ms for 3 MB), and a version is
 * compared again and again (each diff, each CI check against the latest, each verdict); the form
 * of a version never changes, as the version is its content. It is read through the same limits.
 */
final class JsonForms {
  private final BlobStore blobs;
  private final DefinitionValidator validator;

  JsonForms(BlobStore blobs, DefinitionValidator validator) {
    this.blobs = blobs;
    this.validator = validator;
  }

  /** The version's tree: from its JSON form when kept, else from {@code content}, keeping the form. */
  JsonNode tree(VersionInfo version, Supplier<byte[]> content) {
    String key = key(version);
    Optional<Blob> kept = version.contentType().startsWith("application/json") ? Optional.empty() : blobs.get(key);
    if (kept.isPresent()) {
      return validator.tree(kept.get().content());
    }
    JsonNode tree = validator.tree(content.get());
    if (!version.contentType().startsWith("application/json")) {
      keep(key, version, tree);
    }
    return tree;
  }

  private void keep(String key, VersionInfo version, JsonNode tree) {
    byte[] json;
    try {
      json = Json.MAPPER.writeValueAsBytes(tree);
    } catch (IOException e) {
      return; // a convenience: the YAML stays readable
    }
    if (json.length <= validator.limits().maxBytes()) {
      // Larger (YAML aliases expanded) would be refused when read back: keep reading the YAML then.
      blobs.put(key, json, "application/json", Map.of("entityRef", version.entityRef()));
    }
  }

  private static String key(VersionInfo version) {
    ApiRef api = ApiRef.parse(version.entityRef());
    return "json/" + api.namespace() + "/" + api.name() + "/" + version.version();
  }
}
