package dev.backlot.search.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.search.indexing.FullPass;
import dev.backlot.search.indexing.Incremental;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Indexing without a loop: {@code POST /index}, the scheduled full pass (Cloud Scheduler, the
 * local timer) that continues where the last call stopped; and {@code POST /events}, where the
 * catalog, api-docs and techdocs name the items they just changed (techdocs: the entities whose
 * site it rebuilt).
 */
public final class IndexRoutes {
  /** Keys in one event, at most. */
  static final int MAX_EVENT_KEYS = 500;
  static final int MAX_KEY_LENGTH = 1024;
  static final long MAX_EVENT_BYTES = 256 * 1024;
  /** Which service may announce changes of which type: a plugin speaks only for its own items. */
  private static final Map<String, String> SENDERS = Map.of("catalog", "software-catalog", "api-docs", "api-definition", "techdocs", "techdocs");

  private final FullPass fullPass;
  private final Incremental incremental;

  public IndexRoutes(FullPass fullPass, Incremental incremental) {
    this.fullPass = fullPass;
    this.incremental = incremental;
  }

  public void register(Router router) {
    router.post("/index", Access.admins().orServices("scheduler").permission(SearchPermissions.INDEX_RUN), request -> index());
    router.post("/events", Access.services("catalog", "api-docs", "techdocs"), MAX_EVENT_BYTES, this::event);
  }

  private ObjectNode index() {
    ObjectNode body = Json.object();
    ObjectNode types = body.putObject("types");
    boolean done = true;
    for (Map.Entry<String, FullPass.Progress> entry : fullPass.run().entrySet()) {
      FullPass.Progress progress = entry.getValue();
      ObjectNode type = types.putObject(entry.getKey()).put("run", progress.run()).put("written", progress.written())
          .put("removed", progress.removed()).put("finished", progress.finished());
      if (progress.error() != null) {
        type.put("error", progress.error());
      }
      done &= progress.finished();
    }
    // Nothing to do (the last pass finished less than the interval ago) is done too.
    body.put("done", done);
    return body;
  }

  private ObjectNode event(Request request) throws Exception {
    JsonNode event = request.json();
    String sender = request.identity().subject().substring(Access.SERVICE_PREFIX.length());
    String type = event.path("type").asText("");
    if (!type.equals(SENDERS.get(sender))) {
      throw HttpError.inputError("plugin " + sender + " announces changes of " + SENDERS.get(sender) + " only, not '" + type + "'");
    }
    JsonNode keys = event.path("keys");
    if (!keys.isArray() || keys.isEmpty() || keys.size() > MAX_EVENT_KEYS) {
      throw HttpError.inputError("keys must be an array of 1 to " + MAX_EVENT_KEYS + " entity refs");
    }
    List<String> refs = new ArrayList<>();
    for (JsonNode key : keys) {
      if (!key.isTextual() || key.asText().isBlank() || key.asText().length() > MAX_KEY_LENGTH) {
        throw HttpError.inputError("every key is an entity ref of at most " + MAX_KEY_LENGTH + " characters");
      }
      refs.add(key.asText().toLowerCase(Locale.ROOT));
    }
    int[] counts = incremental.changed(type, refs.stream().distinct().toList());
    return Json.object().put("written", counts[0]).put("removed", counts[1]);
  }
}
