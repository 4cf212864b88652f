package dev.backlot.permission;

import dev.backlot.platform.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Audit events of role and policy changes, for now one structured INFO line each (JSON: event id,
 * actor, what changed) through java.util.logging, which Cloud Logging indexes; the audit trail of
 * the permission issue will route them to their own log. Never a token.
 */
public final class Audit {
  private static final Logger LOG = Logger.getLogger("dev.backlot.permission.audit");

  private Audit() {}

  /** {@code event} (RHDH's ids: {@code role-write}, {@code policy-write}, {@code condition-write}) by {@code actor}. */
  public static void log(String event, String actor, Map<String, ?> details) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "permission." + event);
    line.put("actor", actor);
    line.putAll(details);
    LOG.info(new String(Json.bytes(line), java.nio.charset.StandardCharsets.UTF_8));
  }
}
