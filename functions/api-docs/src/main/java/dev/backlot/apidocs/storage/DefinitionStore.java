package dev.backlot.apidocs.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.apidocs.validation.ValidationJson;
import dev.backlot.platform.blob.Blob;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.db.Database;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Definitions in the blob store, one object per version at {@code apis/<namespace>/<name>/<sha256>},
 * each carrying its metadata so the bucket stays readable without the index. The index in the
 * plugin's database answers listings and "latest" without touching the bucket.
 */
public final class DefinitionStore {
  /** The version alias that names an API's latest version in paths. */
  public static final String LATEST = "latest";

  private static final ObjectMapper REPORTS = new ObjectMapper();

  private final BlobStore blobs;
  private final VersionIndex index;
  private final Consumer<Set<String>> created;

  public DefinitionStore(Database database, BlobStore blobs) {
    this(database, blobs, refs -> {});
  }

  /** {@code created} hears the API's entity ref when a save stores new content for it (search indexes its operations). */
  public DefinitionStore(Database database, BlobStore blobs, Consumer<Set<String>> created) {
    this.blobs = blobs;
    this.index = new VersionIndex(database);
    this.created = created;
  }

  /** The outcome of storing: the version, and whether its content was new to this API. */
  public record Saved(VersionInfo version, boolean created) {}

  /** An API with its latest version. */
  public record ApiSummary(String entityRef, int versionCount, VersionInfo latest) {}

  /**
   * Stores {@code content} as the latest version of {@code api}. Content already stored for the
   * API is not written again; it only becomes the latest once more.
   */
  public Saved save(ApiRef api, byte[] content, Validation validation, String source) {
    String version = ContentHash.of(content);
    String contentType = contentType(validation, content);
    Instant now = Instant.now();
    VersionInfo info = new VersionInfo(api.toString(), version, validation.format().id(), validation.specVersion(),
        validation.title(), validation.apiVersion(), contentType, source, content.length, validation.errors().size(),
        validation.warnings().size(), now, now);
    if (index.find(api, version).isEmpty()) {
      // Blob first: an index row never points at a missing object; a blob without a row is harmless.
      blobs.put(api.keyPrefix() + version, content, contentType, metadata(info));
    }
    boolean isNew = index.submit(info, ValidationJson.write(validation).toString());
    if (isNew) {
      created.accept(Set.of(api.toString()));
    }
    return new Saved(index.find(api, version).orElseThrow(), isNew);
  }

  private static Map<String, String> metadata(VersionInfo info) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("entityRef", info.entityRef());
    metadata.put("source", info.source());
    metadata.put("createdAt", info.createdAt().toString());
    metadata.put("format", info.format());
    if (info.specVersion() != null) {
      metadata.put("specVersion", info.specVersion());
    }
    metadata.put("errorCount", Integer.toString(info.errorCount()));
    return metadata;
  }

  private static String contentType(Validation validation, byte[] content) {
    return switch (validation.format()) {
      case GRAPHQL -> "application/graphql; charset=utf-8";
      case OPENAPI, ASYNCAPI -> looksLikeJson(content) ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8";
    };
  }

  private static boolean looksLikeJson(byte[] content) {
    for (byte b : content) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  public List<ApiSummary> apis(int limit, int offset) {
    return apis(null, limit, offset);
  }

  /** A page of the APIs among {@code only} ({@code api:ns/name} refs; null: every API). */
  public List<ApiSummary> apis(java.util.Collection<String> only, int limit, int offset) {
    return index.apis(only, limit, offset).stream()
        .map(listed -> new ApiSummary(listed.latest().entityRef(), listed.versionCount(), listed.latest()))
        .toList();
  }

  public List<VersionInfo> versions(ApiRef api) {
    return index.versions(api);
  }

  /** A version by its id, or the latest for {@link #LATEST}. */
  public Optional<VersionInfo> version(ApiRef api, String version) {
    if (LATEST.equals(version)) {
      return index.latest(api);
    }
    return ContentHash.isVersion(version) ? index.find(api, version) : Optional.empty();
  }

  /** The validation report kept with a version (as {@link ValidationJson} writes it); empty for versions stored before reports were kept. */
  public Optional<JsonNode> report(VersionInfo version) {
    return index.report(ApiRef.parse(version.entityRef()), version.version()).map(DefinitionStore::json);
  }

  private static JsonNode json(String text) {
    try {
      return REPORTS.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored validation report is not JSON: " + e.getMessage(), e);
    }
  }

  /** The stored content of a version. */
  public Optional<Blob> content(VersionInfo version) {
    return blobs.get(ApiRef.parse(version.entityRef()).keyPrefix() + version.version());
  }
}
