package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.diff.DiffReport;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.platform.blob.Blob;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each version broke the one submitted before it, for the version picker. Versions are
 * named by content, so the verdict on a pair never changes: it is kept in the blob store at
 * {@code verdicts/<rules>/<namespace>/<name>/<from>-<to>} once computed (by the picker or any
 * diff), and computed at read time within {@link #MAX_BYTES_COMPARED} per request, newest pairs
 * first; pairs beyond it are answered as not compared yet. Publishing is not slowed by it.
 */
final class ConsecutiveVerdicts {
  /** Definition bytes one request may compare for verdicts not kept yet: two 8 MiB pairs. */
  static final long MAX_BYTES_COMPARED = 32L * 1024 * 1024;
  /** Bumped when the rules change, so verdicts are computed afresh. */
  private static final String RULES = "rules-1";

  private final DefinitionStore store;
  private final BlobStore blobs;
  private final VersionComparison comparison;

  ConsecutiveVerdicts(DefinitionStore store, BlobStore blobs, VersionComparison comparison) {
    this.store = store;
    this.blobs = blobs;
    this.comparison = comparison;
  }

  /** Each consecutive pair of the API's versions, newest first. */
  ArrayNode list(ApiRef api) {
    List<VersionInfo> versions = store.versions(api);
    if (versions.isEmpty()) {
      throw HttpError.notFound("No definition stored for " + api);
    }
    ArrayNode items = Json.MAPPER.createArrayNode();
    long budget = MAX_BYTES_COMPARED;
    for (int i = 0; i + 1 < versions.size(); i++) {
      VersionInfo to = versions.get(i);
      VersionInfo from = versions.get(i + 1);
      Optional<ObjectNode> kept = kept(api, from, to);
      ObjectNode verdict;
      if (kept.isPresent()) {
        verdict = kept.get();
      } else if (budget > 0) {
        budget -= from.sizeBytes() + to.sizeBytes();
        verdict = compute(api, from, to);
      } else {
        verdict = Json.object().put("compared", false).put("reason", "not compared yet; open this pair to compare it");
      }
      items.add(verdict.put("from", from.version()).put("to", to.version()));
    }
    return items;
  }

  /** Keeps the verdict of a report computed anyway (by a diff). */
  void keep(ApiRef api, VersionInfo from, VersionInfo to, DiffReport report) {
    store(api, from, to, verdict(report));
  }

  private ObjectNode compute(ApiRef api, VersionInfo from, VersionInfo to) {
    ObjectNode verdict;
    try {
      verdict = verdict(comparison.compare(from, to));
    } catch (HttpError e) {
      // Different formats, unreadable or too costly to compare: kept too, it will not change.
      verdict = Json.object().put("compared", false).put("reason", e.getMessage());
    }
    store(api, from, to, verdict);
    return verdict;
  }

  private static ObjectNode verdict(DiffReport report) {
    return Json.object().put("compared", true).put("breaking", report.breaking()).put("breakingCount", report.breakingCount())
        .put("changeCount", report.changes().size());
  }

  private Optional<ObjectNode> kept(ApiRef api, VersionInfo from, VersionInfo to) {
    Optional<Blob> blob = blobs.get(key(api, from, to));
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(blob.get().content());
      return node.isObject() ? Optional.of((ObjectNode) node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void store(ApiRef api, VersionInfo from, VersionInfo to, ObjectNode verdict) {
    try {
      blobs.put(key(api, from, to), Json.MAPPER.writeValueAsBytes(verdict), "application/json", Map.of("entityRef", api.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(ApiRef api, VersionInfo from, VersionInfo to) {
    return "verdicts/" + RULES + "/" + api.namespace() + "/" + api.name() + "/" + from.version() + "-" + to.version();
  }
}
